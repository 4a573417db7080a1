export { CASES_ENTITIES } from './entities.js';
export {
  type CaseChange,
  CaseChangeListener,
  CaseChangeListeners,
  type CaseTimelineEntry,
} from './events/case-change.js';
export { CaseTimeline, type TimelineAppend, type TimelineEntryInput } from './events/case-timeline.js';
export { Case } from './model/case.entity.js';
export { CaseEvent } from './model/case-event.entity.js';
export { CaseFinding, type CaseFindingReason } from './model/case-finding.entity.js';
export { CaseComment } from './model/case-comment.entity.js';
export { CaseObservable, ObservableType } from './model/case-observable.entity.js';
export { CaseTask } from './model/case-task.entity.js';
export { CaseWatcher } from './model/case-watcher.entity.js';
export { CaseCounter } from './model/case-counter.entity.js';
export { CaseEventType } from './model/case-event-type.js';
export { type CaseActorRef, type CaseActorType, caseActorOf } from './model/case-actor.js';
export { CaseDisposition, CaseSlaState, CaseStatus, OPEN_STATUSES, isOpen } from './model/case-status.js';
export { CASE_TRANSITIONS, canTransition } from './model/case-lifecycle.js';
export { caseKey, parseCaseKey } from './model/case-key.js';
export { CaseAccess } from './access/case-access.js';
export { CasesModule } from './cases.module.js';
export { CasesApiModule } from './cases-api.module.js';
export { CaseGroupingModule } from './grouping/case-grouping.module.js';
export { CaseGrouping, type VerdictHookRegistry } from './grouping/case-grouping.js';
export { type CaseView } from './query/case-views.js';
export { SlaModule } from './sla/sla.module.js';
export { SlaApiModule } from './sla/sla-api.module.js';
export { SLA_ACTOR, SlaSweeper, type SlaSweepSummary } from './sla/sweep/sla-sweeper.js';
export { SlaClockKind } from './sla/clock/sla-clock-kind.js';
export { CaseNotificationsModule } from './notifications/case-notifications.module.js';
export { CaseSubscriptionsModule } from './notifications/case-subscriptions.module.js';
export { CaseLearningModule } from './learning/case-learning.module.js';
export { CaseLearningEventType } from './learning/learning-event-type.js';
