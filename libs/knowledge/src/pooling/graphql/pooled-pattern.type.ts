import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, GraphQLJSON } from '@sieve/core';
import { PatternStatus } from '../../graphql/types/pattern-status.enum.js';
import { PooledPatternState } from '../pooled-pattern-state.js';

registerEnumType(PooledPatternState, {
  name: 'PooledPatternState',
  description:
    'PROMOTED: its global pattern is active. WITHDRAWN: fewer than k tenants confirm it now (promoted again ' +
    'if they do). BLOCKED: contradicted by a true positive or rejected on review, never promoted again.',
});

@ObjectType('PooledPattern', {
  description:
    'A pattern shape that reached the pool: anonymised predicates, how many tenants confirm it (never which), and the global pattern it became.',
})
export class PooledPatternType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'SHA-256 of the canonical finding type and predicates.' })
  key: string;

  @Field()
  findingType: string;

  @Field(() => GraphQLJSON)
  predicates: unknown;

  @Field()
  rendering: string;

  @Field(() => PooledPatternState)
  state: PooledPatternState;

  @Field(() => Int, { description: 'Distinct contributing tenants that confirmed it at the last cycle.' })
  tenantSupport: number;

  @Field(() => ID, { nullable: true, description: 'The global pattern it became last.' })
  globalPatternId: string | null;

  @Field(() => String, { nullable: true, description: 'Its reference, e.g. G-3.' })
  globalPatternReference: string | null;

  @Field(() => PatternStatus, { nullable: true })
  globalPatternStatus: PatternStatus | null;

  @Field(() => Date, { nullable: true })
  promotedAt: Date | null;

  @Field(() => Date, { nullable: true })
  blockedAt: Date | null;

  @Field(() => String, { nullable: true })
  blockedReason: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const PooledPatternConnection = ConnectionType(PooledPatternType, 'PooledPattern');
