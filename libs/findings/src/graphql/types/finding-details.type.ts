import { GraphQLJSON } from '@sieve/core';
import { Field, ObjectType } from '@nestjs/graphql';
import { FindingType } from './finding.type.js';

@ObjectType('FindingDetails', {
  description: 'One finding with its resources, observables and what triage found; `raw` on request.',
})
export class FindingDetailsType extends FindingType {
  @Field(() => GraphQLJSON, { description: 'ASFF Resources (a list).' })
  resources: unknown[];

  @Field(() => GraphQLJSON, { description: 'IPs, principals, domains... extracted from the finding.' })
  observables: Record<string, unknown>;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What the enrichers found, by enricher.' })
  enrichment: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The features known-good patterns match on.' })
  fingerprint: Record<string, unknown> | null;
}
