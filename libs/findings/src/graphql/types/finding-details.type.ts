import { Field, ObjectType } from '@nestjs/graphql';
import { FindingJSON } from './finding-json.scalar.js';
import { FindingType } from './finding.type.js';

@ObjectType('FindingDetails', {
  description: 'One finding with its resources, observables and what triage found; `raw` on request.',
})
export class FindingDetailsType extends FindingType {
  @Field(() => FindingJSON, { description: 'ASFF Resources (a list).' })
  resources: unknown[];

  @Field(() => FindingJSON, { description: 'IPs, principals, domains... extracted from the finding.' })
  observables: Record<string, unknown>;

  @Field(() => FindingJSON, { nullable: true, description: 'What the enrichers found, by enricher.' })
  enrichment: Record<string, unknown> | null;

  @Field(() => FindingJSON, { nullable: true, description: 'The features known-good patterns match on.' })
  fingerprint: Record<string, unknown> | null;
}
