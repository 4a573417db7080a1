import { ContractTier } from '@sieve/tenancy';
import { WORKING_WEEK } from '../calendar/weekday.js';
import type { WorkingHours } from '../calendar/working-hours.js';
import { CalendarMode } from './calendar-mode.js';
import type { SeverityLabel } from '../../model/severity.js';
import type { SlaTarget } from './sla-target.js';

const target = (ackMinutes: number, resolveMinutes: number): SlaTarget => ({ ackMinutes, resolveMinutes });

/**
 * Platform defaults, used for every severity a tenant has not overridden (minutes of the tier's default
 * calendar: 24/7 for PREMIUM and STANDARD, business hours for ESSENTIAL).
 *
 * | tier      | calendar            | CRITICAL   | HIGH        | MEDIUM       | LOW          | INFORMATIONAL |
 * |-----------|---------------------|------------|-------------|--------------|--------------|---------------|
 * | PREMIUM   | 24/7                | 15m / 4h   | 30m / 8h    | 2h / 24h     | 8h / 3d      | 24h / 7d      |
 * | STANDARD  | 24/7                | 30m / 8h   | 1h / 24h    | 4h / 2d      | 24h / 5d     | 2d / 10d      |
 * | ESSENTIAL | Mon-Fri 09:00-17:00 | 1h / 2 bd  | 4h / 4 bd   | 1 bd / 10 bd | 2 bd / 20 bd | 5 bd / 40 bd  |
 *
 * (ack / resolve; "bd" = business day of 8 working hours.)
 */
export const DEFAULT_SLA_TARGETS: Readonly<Record<ContractTier, Readonly<Record<SeverityLabel, SlaTarget>>>> =
  {
    [ContractTier.PREMIUM]: {
      CRITICAL: target(15, 240),
      HIGH: target(30, 480),
      MEDIUM: target(120, 1_440),
      LOW: target(480, 4_320),
      INFORMATIONAL: target(1_440, 10_080),
    },
    [ContractTier.STANDARD]: {
      CRITICAL: target(30, 480),
      HIGH: target(60, 1_440),
      MEDIUM: target(240, 2_880),
      LOW: target(1_440, 7_200),
      INFORMATIONAL: target(2_880, 14_400),
    },
    [ContractTier.ESSENTIAL]: {
      CRITICAL: target(60, 960),
      HIGH: target(240, 1_920),
      MEDIUM: target(480, 4_800),
      LOW: target(960, 9_600),
      INFORMATIONAL: target(2_400, 19_200),
    },
  };

/** Monday to Friday, 09:00 to 17:00 local time. */
export const DEFAULT_WEEKLY_HOURS: readonly WorkingHours[] = WORKING_WEEK.map((day) => ({
  day,
  start: '09:00',
  end: '17:00',
}));

/** The calendar of a tenant that has not set its own. */
export function defaultCalendarMode(tier: ContractTier): CalendarMode {
  return tier === ContractTier.ESSENTIAL ? CalendarMode.BUSINESS_HOURS : CalendarMode.ALWAYS;
}
