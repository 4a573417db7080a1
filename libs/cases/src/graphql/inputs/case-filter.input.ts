import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { CaseSeverity, CaseSlaState, CaseStatus } from '../types/case-enums.js';

@InputType({ description: 'Every criterion given must hold.' })
export class CaseFilterInput {
  @Field(() => [CaseStatus], {
    nullable: true,
    description: 'Any of these (the queue defaults to the open ones).',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[] | null;

  @Field(() => [CaseSeverity], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(CaseSeverity, { each: true })
  severity?: CaseSeverity[] | null;

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  priority?: number[] | null;

  @Field(() => [ID], { nullable: true, description: 'Among the tenants these credentials may read.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  tenantIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cases nobody has claimed.' })
  @IsOptional()
  @IsBoolean()
  unassigned?: boolean | null;

  @Field(() => [CaseSlaState], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(CaseSlaState, { each: true })
  slaState?: CaseSlaState[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tag?: string | null;
}
