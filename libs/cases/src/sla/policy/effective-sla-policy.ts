import type { ContractTier } from '@sieve/tenancy';
import { BusinessHoursCalendar } from '../calendar/business-hours-calendar.js';
import { AlwaysOnCalendar, type SlaCalendar } from '../calendar/sla-calendar.js';
import type { WorkingHours } from '../calendar/working-hours.js';
import { CalendarMode } from './calendar-mode.js';
import type { SeverityLabel } from '../../model/severity.js';
import type { SlaTarget } from './sla-target.js';

export interface EffectiveSlaTarget extends SlaTarget {
  severity: SeverityLabel;
  /** True when the tier's platform default applies (no override). */
  isDefault: boolean;
}

export interface EffectiveSlaCalendar {
  mode: CalendarMode;
  weeklyHours: readonly WorkingHours[];
  holidays: readonly string[];
  isDefault: boolean;
}

/** The targets and calendar that apply to a tenant's cases now: its overrides, else its tier's defaults. */
export interface EffectiveSlaPolicy {
  tenantId: string;
  contractTier: ContractTier;
  timeZone: string;
  /** One per severity, most severe first. */
  targets: readonly EffectiveSlaTarget[];
  calendar: EffectiveSlaCalendar;
}

export function targetFor(policy: EffectiveSlaPolicy, severity: SeverityLabel): SlaTarget {
  const found = policy.targets.find((t) => t.severity === severity);
  if (!found) throw new Error(`No SLA target for severity ${severity}`);
  return found;
}

export function calendarOf(policy: EffectiveSlaPolicy): SlaCalendar {
  if (policy.calendar.mode === CalendarMode.ALWAYS) return new AlwaysOnCalendar();
  return new BusinessHoursCalendar({
    timeZone: policy.timeZone,
    weeklyHours: policy.calendar.weeklyHours,
    holidays: policy.calendar.holidays,
  });
}
