export { CASES_ENTITIES } from './entities.js';
export {
  type CaseChange,
  CaseChangeListener,
  CaseChangeListeners,
  type CaseTimelineEntry,
} from './events/case-change.js';
