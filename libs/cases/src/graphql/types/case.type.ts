import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import type { CaseComment } from '../../model/case-comment.entity.js';
import type { PersonView } from '../../query/case-children.js';
import { CaseCommentType } from './case-children.type.js';
import { CaseDisposition, CaseSeverity, CaseSlaState, CaseStatus } from './case-enums.js';
import { CasePersonType } from './case-person.type.js';

@ObjectType('Case', {
  description: 'Findings of one tenant that tell one story, worked by an analyst under an SLA.',
})
export class CaseType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The tenant slug upper-cased and the case number: ACME-42.' })
  key: string;

  @Field(() => Int)
  number: number;

  @Field(() => ID)
  tenantId: string;

  @Field()
  tenantName: string;

  @Field()
  title: string;

  @Field({ description: 'Markdown.' })
  description: string;

  @Field(() => CaseSeverity)
  severityLabel: CaseSeverity;

  @Field(() => Int, { description: '0 to 100.' })
  severityNormalized: number;

  @Field(() => Int, { description: '1 (most urgent) to 5.' })
  priority: number;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field(() => CaseDisposition, { nullable: true })
  disposition: CaseDisposition | null;

  @Field(() => String, { nullable: true })
  resolutionSummary: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => Int)
  findingCount: number;

  @Field(() => ID, {
    nullable: true,
    description: 'Set when this case was merged into another (then CLOSED).',
  })
  mergedIntoId: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field({ description: 'Last finding attached or analyst action.' })
  lastActivityAt: Date;

  @Field(() => CaseSlaState)
  slaState: CaseSlaState;

  @Field(() => Date, { nullable: true })
  slaAckDueAt: Date | null;

  @Field(() => Date, { nullable: true })
  slaResolveDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The deadline that matters now; null once resolved.' })
  slaDueAt: Date | null;

  @Field(() => CasePersonType, { nullable: true })
  assignee?: PersonView | null;

  @Field(() => CaseCommentType, { nullable: true, description: 'The newest comment.' })
  lastComment?: CaseComment | null;
}

export const CaseConnection = ConnectionType(CaseType, 'Case');
