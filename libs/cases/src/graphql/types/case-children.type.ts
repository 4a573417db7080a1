import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, GraphQLJSON } from '@sieve/core';
import { CaseActorTypeEnum, CaseFindingReasonEnum, CaseSeverity, ObservableType } from './case-enums.js';

@ObjectType('CaseComment', { description: 'Markdown by an analyst, a tenant user or an integration.' })
export class CaseCommentType {
  @Field(() => ID)
  id: string;

  @Field()
  body: string;

  @Field(() => CaseActorTypeEnum)
  authorType: CaseActorTypeEnum;

  @Field(() => String, { nullable: true, description: 'User id, API key id or system actor name.' })
  authorId: string | null;

  @Field()
  createdAt: Date;
}

export const CaseCommentConnection = ConnectionType(CaseCommentType, 'CaseComment');

@ObjectType('CaseTask', { description: 'One item of the case checklist.' })
export class CaseTaskType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => Date, { nullable: true })
  dueAt: Date | null;

  @Field()
  done: boolean;

  @Field(() => Date, { nullable: true })
  doneAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType('CaseObservable', { description: 'An indicator: extracted from the findings or added by hand.' })
export class CaseObservableType {
  @Field(() => ID)
  id: string;

  @Field(() => ObservableType)
  type: ObservableType;

  @Field()
  value: string;

  @Field({ description: 'FINDING or MANUAL.' })
  source: string;

  @Field(() => ID, { nullable: true, description: 'The finding it was first extracted from.' })
  findingId: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType('CaseFinding', { description: 'A finding of the case; `finding(id)` has all of it.' })
export class CaseFindingType {
  @Field(() => ID, { description: 'The finding id.' })
  id: string;

  @Field(() => CaseFindingReasonEnum)
  reason: CaseFindingReasonEnum;

  @Field()
  attachedAt: Date;

  @Field()
  findingType: string;

  @Field()
  title: string;

  @Field(() => CaseSeverity)
  severityLabel: CaseSeverity;

  @Field(() => Int)
  severityNormalized: number;

  @Field(() => String, { nullable: true, description: 'SUPPRESSED or RAISED.' })
  verdict: string | null;

  @Field(() => String, { nullable: true })
  verdictExplanation: string | null;

  @Field()
  awsAccountId: string;

  @Field()
  region: string;

  @Field()
  lastSeenAt: Date;
}

export const CaseFindingConnection = ConnectionType(CaseFindingType, 'CaseFinding');

@ObjectType('CaseEvent', {
  description: 'A timeline entry: every change to a case, with its actor and time.',
})
export class CaseEventType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'CREATED, STATUS_CHANGED, FINDING_ATTACHED, … (see the case documentation).' })
  type: string;

  @Field(() => CaseActorTypeEnum)
  actorType: CaseActorTypeEnum;

  @Field(() => String, { nullable: true, description: 'User id, API key id or system actor name.' })
  actorId: string | null;

  @Field()
  at: Date;

  @Field(() => GraphQLJSON)
  data: Record<string, unknown>;
}

export const CaseEventConnection = ConnectionType(CaseEventType, 'CaseEvent');
