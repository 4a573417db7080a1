import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PooledPatternState } from '../pooled-pattern-state.js';

@ArgsType()
export class PooledPatternsFilterArgs {
  @Field(() => PooledPatternState, { nullable: true })
  @IsOptional()
  @IsEnum(PooledPatternState)
  state?: PooledPatternState;
}

@ArgsType()
export class BlockPooledPatternArgs {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field({ description: 'Why (kept in the audit log only: global patterns are read by every tenant).' })
  @Length(1, 2000)
  reason: string;
}
