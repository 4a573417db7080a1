import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('BacktestCount', { description: 'How many findings of one kind.' })
export class BacktestCountType {
  @Field()
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('BacktestSample', { description: 'A recent finding the pattern would have suppressed.' })
export class BacktestSampleType {
  @Field(() => ID)
  findingId: string;

  @Field()
  findingType: string;

  @Field()
  title: string;

  @Field()
  severityLabel: string;

  @Field({ description: 'When the finding was last seen.' })
  at: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The verdict it had (RAISED: noise the pattern removes).',
  })
  verdict: string | null;
}

@ObjectType('BacktestTruePositive', {
  description: 'A finding of a case resolved TRUE_POSITIVE that the pattern matches: it refuses activation.',
})
export class BacktestTruePositiveType {
  @Field(() => ID)
  findingId: string;

  @Field(() => ID, { description: 'The case resolved TRUE_POSITIVE.' })
  caseId: string;

  @Field()
  findingType: string;

  @Field()
  title: string;

  @Field()
  at: Date;

  @Field({
    description:
      'A novelty veto would have raised it this time; it still refuses the pattern (the next occurrence would not be new).',
  })
  vetoed: boolean;
}

@ObjectType('PatternBacktest', {
  description:
    "What a pattern would have done to the tenant's recent findings, and the true positives it would have hidden.",
})
export class PatternBacktestType {
  @Field()
  findingType: string;

  @Field(() => Int, { description: 'Days of findings replayed (by last sighting).' })
  days: number;

  @Field()
  since: Date;

  @Field()
  until: Date;

  @Field(() => Int, {
    description: 'Findings the database prefilter let through and that were evaluated in full.',
  })
  scanned: number;

  @Field(() => Int, { description: 'Findings every predicate matches.' })
  matched: number;

  @Field(() => Int, {
    description: 'Matched findings without a novelty veto: what it would have suppressed.',
  })
  suppressed: number;

  @Field(() => Int, { description: 'Matched findings a novelty veto would have raised anyway.' })
  vetoed: number;

  @Field(() => Int, { description: 'Of the suppressed ones, those that had been RAISED.' })
  previouslyRaised: number;

  @Field(() => [BacktestCountType], { description: 'Suppressed findings by finding type.' })
  byFindingType: BacktestCountType[];

  @Field(() => [BacktestCountType], { description: 'Suppressed findings by severity.' })
  bySeverity: BacktestCountType[];

  @Field(() => [BacktestSampleType], { description: 'The most recent suppressed findings.' })
  samples: BacktestSampleType[];

  @Field(() => Int, {
    description: 'Findings marked TRUE_POSITIVE it matches: activation is refused if any.',
  })
  truePositives: number;

  @Field(() => [BacktestTruePositiveType], { description: 'Those findings (at most 100).' })
  truePositiveFindings: BacktestTruePositiveType[];

  @Field({ description: 'No true positive matched: the pattern may be activated.' })
  clean: boolean;
}
