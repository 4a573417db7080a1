import { CaseSlaClock } from './clock/case-sla-clock.entity.js';
import { SlaCalendarSetting } from './policy/sla-calendar-setting.entity.js';
import { SlaPolicyOverride } from './policy/sla-policy-override.entity.js';

/** The SLA tables; listed in the case domain's `CASES_ENTITIES`. */
export const SLA_ENTITIES = [SlaPolicyOverride, SlaCalendarSetting, CaseSlaClock];
