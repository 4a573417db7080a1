import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PatternHitCount')
export class PatternHitCountType {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => Float)
  hits: number;

  @Field(() => Date, { nullable: true })
  lastHitAt: Date | null;
}

@ObjectType('PatternScopeStats', { description: "One scope's patterns, as seen from the tenant." })
export class PatternScopeStatsType {
  @Field(() => Int)
  proposed: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  retired: number;

  @Field(() => Float, { description: "Findings of this tenant the scope's patterns suppressed." })
  hits: number;

  @Field(() => Date, { nullable: true })
  lastHitAt: Date | null;

  @Field(() => Int, { description: 'ACTIVE patterns expiring within 7 days (drift marks included).' })
  expiringSoon: number;

  @Field(() => [PatternHitCountType], { description: 'The ACTIVE patterns with the most hits (up to 5).' })
  top: PatternHitCountType[];
}

@ObjectType('PatternStats')
export class PatternStatsType {
  @Field(() => PatternScopeStatsType, { description: "The tenant's own patterns." })
  tenant: PatternScopeStatsType;

  @Field(() => PatternScopeStatsType, { description: 'Pooled patterns.' })
  global: PatternScopeStatsType;

  @Field({ description: 'The tenant opted in to being protected by pooled patterns.' })
  consumesGlobalPatterns: boolean;
}
