import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ContractTier, TenantRole } from '../types/enums.js';

@InputType()
export class CreateTenantInput {
  @Field({ description: 'Lowercase letters, digits and hyphens; prefixes case numbers.' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, {
    message: 'slug must be 3-40 lowercase letters, digits or hyphens',
  })
  slug: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Paris.' })
  @IsString()
  timeZone: string;

  @Field(() => ContractTier)
  @IsEnum(ContractTier)
  contractTier: ContractTier;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  poolContribute?: boolean;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  poolConsume?: boolean;

  @Field({ nullable: true, description: 'Invites this person as the first tenant admin.' })
  @IsOptional()
  @IsEmail()
  adminEmail?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  adminDisplayName?: string;
}

@InputType()
export class UpdateTenantInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  timeZone?: string;

  @Field(() => ContractTier, { nullable: true, description: 'Platform admins only.' })
  @IsOptional()
  @IsEnum(ContractTier)
  contractTier?: ContractTier;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  poolContribute?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  poolConsume?: boolean;

  @Field({ nullable: true, description: 'Write verdicts back to Security Hub (workflow status and a note).' })
  @IsOptional()
  @IsBoolean()
  writebackEnabled?: boolean;
}

@InputType()
export class InviteUserInput {
  @Field()
  @IsEmail()
  email: string;

  @Field()
  @Length(1, 200)
  displayName: string;

  @Field(() => TenantRole)
  @IsEnum(TenantRole)
  role: TenantRole;
}

@InputType()
export class AddMembershipInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => TenantRole)
  @IsEnum(TenantRole)
  role: TenantRole;
}

@InputType()
export class AssignAnalystTenantsInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => [ID], { description: 'The complete set of tenants; replaces the previous one.' })
  @IsUUID('all', { each: true })
  tenantIds: string[];
}
