import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PatternBacktestType } from '../../backtest/graphql/pattern-backtest.type.js';
import { KnownGoodPatternType } from '../../graphql/types/known-good-pattern.type.js';
import { PatternActivationPolicy, ProposalState } from './learning-enums.js';

@ObjectType('PatternLearningPolicy', {
  description: "The tenant's policy for patterns learnt from resolved cases.",
})
export class PatternLearningPolicyType {
  @Field(() => PatternActivationPolicy)
  activation: PatternActivationPolicy;

  @Field(() => Int, { description: 'Days of findings a backtest replays.' })
  backtestDays: number;

  @Field({ description: 'The defaults are in force (never set).' })
  isDefault: boolean;

  @Field(() => Date, { nullable: true })
  updatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The user or API key id that set it.' })
  updatedBy: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class SetPatternLearningPolicyInput {
  @Field(() => PatternActivationPolicy, { nullable: true })
  @IsOptional()
  @IsEnum(PatternActivationPolicy)
  activation?: PatternActivationPolicy | null;

  @Field(() => Int, { nullable: true, description: '1 to 365.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  backtestDays?: number | null;
}

@ObjectType('PatternProposal', { description: 'A pattern learnt from a resolved case, and its backtest.' })
export class PatternProposalType {
  @Field(() => KnownGoodPatternType)
  pattern: KnownGoodPatternType;

  @Field(() => ID)
  caseId: string;

  @Field({ description: 'The case key when it was resolved (ACME-42).' })
  caseKey: string;

  @Field({ description: 'BENIGN_EXPECTED or FALSE_POSITIVE.' })
  disposition: string;

  @Field(() => Int, { description: "The case's findings of the pattern's type it was generalised from." })
  findingCount: number;

  @Field(() => ProposalState)
  state: ProposalState;

  @Field(() => PatternBacktestType, { nullable: true, description: 'The last backtest.' })
  backtest: PatternBacktestType | null;

  @Field(() => Date, { nullable: true })
  backtestedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last backtest attempt failed (state ERROR).' })
  lastError: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType('PatternApproval', {
  description: 'An approved pattern, now ACTIVE, and the backtest that cleared it.',
})
export class PatternApprovalType {
  @Field(() => KnownGoodPatternType)
  pattern: KnownGoodPatternType;

  @Field(() => PatternBacktestType)
  backtest: PatternBacktestType;
}
