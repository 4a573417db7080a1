import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, Length } from 'class-validator';

@InputType()
export class AuditLogFilterInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => ID, { nullable: true, description: 'Platform admins: one tenant; omitted: every entry.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}
