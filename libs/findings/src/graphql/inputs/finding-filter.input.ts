import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { SeverityLabel, TriageStatus, Verdict } from '../types/enums.js';

@InputType({ description: 'Every criterion given must hold.' })
export class FindingFilterInput {
  @Field(() => Verdict, { nullable: true })
  @IsOptional()
  @IsEnum(Verdict)
  verdict?: Verdict | null;

  @Field(() => [SeverityLabel], { nullable: true, description: 'Any of these labels.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(SeverityLabel, { each: true })
  severity?: SeverityLabel[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Exact type, e.g. Recon:EC2/PortProbeUnprotectedPort.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  findingType?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'awsAccountId must be 12 digits' })
  awsAccountId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  region?: string | null;

  @Field(() => TriageStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TriageStatus)
  triageStatus?: TriageStatus | null;

  @Field(() => Date, { nullable: true, description: 'Last seen at or after.' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen before.' })
  @IsOptional()
  @IsDate()
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Decided by this known-good pattern.' })
  @IsOptional()
  @IsUUID()
  patternId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Linked to this case.' })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}
