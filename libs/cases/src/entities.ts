import { CaseComment } from './model/case-comment.entity.js';
import { CaseCounter } from './model/case-counter.entity.js';
import { CaseEvent } from './model/case-event.entity.js';
import { CaseFinding } from './model/case-finding.entity.js';
import { CaseObservable } from './model/case-observable.entity.js';
import { CaseTask } from './model/case-task.entity.js';
import { CaseWatcher } from './model/case-watcher.entity.js';
import { Case } from './model/case.entity.js';
import { SLA_ENTITIES } from './sla/entities.js';

/** The case domain's entities. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const CASES_ENTITIES: Function[] = [
  Case,
  CaseCounter,
  CaseFinding,
  CaseEvent,
  CaseObservable,
  CaseComment,
  CaseTask,
  CaseWatcher,
  ...SLA_ENTITIES,
];
