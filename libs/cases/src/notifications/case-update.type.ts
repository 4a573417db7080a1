import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CaseType } from '../graphql/types/case.type.js';
import type { CaseView } from '../query/case-views.js';

@ObjectType('CaseUpdate', { description: 'A change to a case, sent to subscribers once it is committed.' })
export class CaseUpdateType {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => [String], {
    description: 'The timeline entry types of the change (CREATED, STATUS_CHANGED, COMMENTED, …).',
  })
  changes: string[];

  @Field(() => CaseType, { description: 'The case as it is after the change.' })
  case: CaseView;
}
