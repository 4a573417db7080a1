import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, GraphQLJSON } from '@sieve/core';
import { PatternStatus } from './pattern-status.enum.js';

@ObjectType('GlobalKnownGoodPattern', {
  description:
    'A pooled pattern: anonymised, confirmed benign in several tenants. Applies to tenants that consume the pool.',
})
export class GlobalKnownGoodPatternType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Short handle quoted in verdicts: G-3 is the third global pattern.' })
  reference: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field()
  findingType: string;

  @Field(() => GraphQLJSON)
  predicates: unknown;

  @Field()
  rendering: string;

  @Field(() => PatternStatus)
  status: PatternStatus;

  @Field()
  allowCritical: boolean;

  @Field(() => Float)
  confidence: number;

  @Field(() => GraphQLJSON, { nullable: true })
  support: unknown;

  @Field(() => Int, { description: 'Distinct tenants that confirmed it benign (a count, never which).' })
  tenantSupport: number;

  @Field(() => Float, { description: 'Findings of this tenant it suppressed.' })
  hitsInTenant: number;

  @Field(() => Date, { nullable: true, description: 'Last finding of this tenant it suppressed.' })
  lastHitInTenantAt: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  activatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  retiredAt: Date | null;

  @Field(() => String, { nullable: true })
  retiredReason: string | null;

  @Field()
  createdAt: Date;
}

export const GlobalKnownGoodPatternConnection = ConnectionType(
  GlobalKnownGoodPatternType,
  'GlobalKnownGoodPattern',
);
