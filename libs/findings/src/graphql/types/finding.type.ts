import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { PatternScope, SeverityLabel, TriageStatus, Verdict } from './enums.js';

@ObjectType('FindingVerdict', { description: 'What triage decided, and why.' })
export class FindingVerdictType {
  @Field(() => Verdict)
  verdict: Verdict;

  @Field(() => Int, { nullable: true, description: 'For RAISED: 1 (most urgent) to 5.' })
  priority: number | null;

  @Field(() => String, { nullable: true, description: 'One sentence an analyst can read.' })
  explanation: string | null;

  @Field(() => ID, { nullable: true, description: 'The known-good pattern that suppressed it, if any.' })
  patternId: string | null;

  @Field(() => PatternScope, { nullable: true })
  patternScope: PatternScope | null;

  @Field(() => Date, { nullable: true, description: 'When the verdict was reached.' })
  at: Date | null;
}

@ObjectType('Finding', { description: 'A security finding of the tenant, at its latest version.' })
export class FindingType {
  @Field(() => ID)
  id: string;

  @Field()
  productArn: string;

  @Field({ description: "The provider's id (ASFF Id; the finding ARN for GuardDuty)." })
  findingId: string;

  @Field({ description: '"securityhub" or "guardduty": the path it came by.' })
  source: string;

  @Field()
  awsAccountId: string;

  @Field()
  region: string;

  @Field({ description: 'e.g. Recon:EC2/PortProbeUnprotectedPort.' })
  findingType: string;

  @Field(() => [String], { description: 'ASFF Types.' })
  types: string[];

  @Field()
  title: string;

  @Field(() => SeverityLabel)
  severityLabel: SeverityLabel;

  @Field(() => Int, { description: '0 to 100.' })
  severityNormalized: number;

  @Field()
  providerCreatedAt: Date;

  @Field({ description: 'UpdatedAt of the version held.' })
  providerUpdatedAt: Date;

  @Field(() => String, { nullable: true })
  recordState: string | null;

  @Field(() => String, { nullable: true })
  workflowStatus: string | null;

  @Field(() => Int, { description: 'Versions received (a newer UpdatedAt); redeliveries do not count.' })
  occurrences: number;

  @Field()
  firstSeenAt: Date;

  @Field({ description: 'When Sieve received the latest version.' })
  lastSeenAt: Date;

  @Field(() => TriageStatus)
  triageStatus: TriageStatus;

  @Field(() => FindingVerdictType, { nullable: true, description: 'Null until triaged.' })
  verdict: FindingVerdictType | null;
}

export const FindingConnection = ConnectionType(FindingType, 'Finding');
