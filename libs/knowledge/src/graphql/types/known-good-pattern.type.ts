import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType, GraphQLJSON } from '@sieve/core';
import { PatternStatus } from './pattern-status.enum.js';

@ObjectType('KnownGoodPattern', {
  description:
    "One of the tenant's known-good patterns: a conjunction of predicates over a finding's fingerprint.",
})
export class KnownGoodPatternType {
  @Field(() => ID)
  id: string;

  @Field({ description: "Short handle quoted in verdicts: P-12 is the tenant's twelfth pattern." })
  reference: string;

  @Field()
  name: string;

  @Field({ description: 'Why this behaviour is expected; quoted in every verdict the pattern gives.' })
  description: string;

  @Field({ description: 'The finding type it applies to.' })
  findingType: string;

  @Field(() => GraphQLJSON, {
    description: 'The predicates, in the pattern language (see knownGoodPatternSchema).',
  })
  predicates: unknown;

  @Field({
    description:
      'The pattern on one line, e.g. "Recon:EC2/PortProbeUnprotectedPort where localPorts ∈ {443}".',
  })
  rendering: string;

  @Field(() => PatternStatus)
  status: PatternStatus;

  @Field({ description: 'Suppresses CRITICAL findings too.' })
  allowCritical: boolean;

  @Field(() => Float, { description: '0 to 1.' })
  confidence: number;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'What the findings it was learned from showed (countries, ASNs, ports…): novelty outside it vetoes a match.',
  })
  support: unknown;

  @Field(() => Float, { description: 'Findings it suppressed.' })
  hits: number;

  @Field(() => Date, { nullable: true })
  lastHitAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'After this it stops suppressing and is retired.' })
  expiresAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the drift pass set an expiry for lack of hits (a hit lifts it).',
  })
  driftMarkedAt: Date | null;

  @Field(() => Date, { nullable: true })
  activatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  retiredAt: Date | null;

  @Field(() => String, { nullable: true })
  retiredReason: string | null;

  @Field(() => ID, { nullable: true, description: 'Provenance: the case it was confirmed in.' })
  sourceCaseId: string | null;

  @Field(() => ID, { nullable: true, description: 'Provenance: the analyst who confirmed it.' })
  sourceAnalystId: string | null;

  @Field({ description: 'Who created it: a user or API key id, or a system job.' })
  createdBy: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const KnownGoodPatternConnection = ConnectionType(KnownGoodPatternType, 'KnownGoodPattern');
