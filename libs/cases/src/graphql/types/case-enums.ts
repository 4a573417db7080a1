import { registerEnumType } from '@nestjs/graphql';
import { ObservableType } from '../../model/case-observable.entity.js';
import { CaseDisposition, CaseSlaState, CaseStatus } from '../../model/case-status.js';
import { CaseOrder } from '../../query/case-order.js';

/** ASFF severity labels, as a case carries them. */
export enum CaseSeverity {
  INFORMATIONAL = 'INFORMATIONAL',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** Why a finding is in a case (values as stored). */
export enum CaseFindingReasonEnum {
  RAISED = 'raised',
  GROUPED = 'grouped',
  CORRELATED = 'correlated',
  MOVED = 'moved',
  MANUAL = 'manual',
}

export enum CaseActorTypeEnum {
  USER = 'USER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}

registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description:
    'NEW → ACKNOWLEDGED → INVESTIGATING → CONTAINMENT → RESOLVED → CLOSED; PENDING_CUSTOMER pauses the SLA clocks.',
});
registerEnumType(CaseDisposition, {
  name: 'CaseDisposition',
  description: 'The conclusion given on resolve.',
});
registerEnumType(CaseSlaState, {
  name: 'CaseSlaState',
  description: 'ON_TRACK, WARNING (80% of the budget used), BREACHED, PAUSED (pending customer), MET.',
});
registerEnumType(CaseOrder, { name: 'CaseOrder' });
registerEnumType(ObservableType, { name: 'CaseObservableType' });
registerEnumType(CaseSeverity, { name: 'CaseSeverity', description: 'ASFF severity label.' });
registerEnumType(CaseFindingReasonEnum, {
  name: 'CaseFindingReason',
  description:
    'RAISED: raised by triage and grouped here. GROUPED: raised earlier, pulled in by a later finding on the same ' +
    'resource or principal. CORRELATED: suppressed earlier, attached as context and re-labelled RAISED. ' +
    'MOVED: moved from another case or merged. MANUAL: attached by hand.',
});
registerEnumType(CaseActorTypeEnum, { name: 'CaseActorType' });

export { CaseDisposition, CaseOrder, CaseSlaState, CaseStatus, ObservableType };
