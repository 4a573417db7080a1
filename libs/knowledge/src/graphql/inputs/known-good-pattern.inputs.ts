import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { GraphQLJSON } from '@sieve/core';
import {
  IsBoolean,
  IsDate,
  IsDefined,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PatternStatus } from '../types/pattern-status.enum.js';

// Predicates and support are JSON in the pattern language, validated by its schema (knownGoodPatternSchema)
// in the service; `@IsDefined` / `@IsOptional` keep them through the whitelisting validation pipe.

@InputType({ description: 'A new known-good pattern of the tenant.' })
export class CreateKnownGoodPatternInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true, description: 'Why this behaviour is expected.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field({ description: 'The finding type it applies to, e.g. Recon:EC2/PortProbeUnprotectedPort.' })
  @IsString()
  @Length(1, 256)
  findingType: string;

  @Field(() => GraphQLJSON, {
    description: 'Predicates, e.g. [{"feature": "localPorts", "op": "in", "values": ["443"]}].',
  })
  @IsDefined()
  predicates: unknown;

  @Field(() => Boolean, { nullable: true, description: 'Suppress CRITICAL findings too (default false).' })
  @IsOptional()
  @IsBoolean()
  allowCritical?: boolean | null;

  @Field(() => Float, { nullable: true, description: '0 to 1 (default 1).' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  confidence?: number | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Support summary for novelty vetoes.' })
  @IsOptional()
  support?: unknown;

  @Field(() => ID, { nullable: true, description: 'The case this behaviour was confirmed in.' })
  @IsOptional()
  @IsUUID()
  sourceCaseId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Activate at once (default: PROPOSED).' })
  @IsOptional()
  @IsBoolean()
  activate?: boolean | null;
}

@InputType({ description: 'Changes to a PROPOSED or ACTIVE pattern; fields left out stay as they are.' })
export class UpdateKnownGoodPatternInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  findingType?: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @IsOptional()
  predicates?: unknown;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  allowCritical?: boolean | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  confidence?: number | null;

  @Field(() => Date, { nullable: true, description: 'Null clears the expiry.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null clears the support summary.' })
  @IsOptional()
  support?: unknown;
}

@InputType({ description: 'Every criterion given must hold.' })
export class KnownGoodPatternFilterInput {
  @Field(() => PatternStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PatternStatus)
  status?: PatternStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  findingType?: string | null;
}
