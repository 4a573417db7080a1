import { DateTime, IANAZone } from 'luxon';
import { SlaCalendar } from './sla-calendar.js';
import { isoWeekday } from './weekday.js';
import { type WorkingHours, minuteOfDay, weeklyHoursProblem } from './working-hours.js';

/** Business hours in one IANA zone, with weekly working spans and a list of holidays (local dates). */
export interface BusinessHoursSpec {
  timeZone: string;
  weeklyHours: readonly WorkingHours[];
  /** ISO dates (yyyy-MM-dd) in the zone on which nothing counts. */
  holidays: readonly string[];
}

/** How far a budget may reach before the calendar is declared broken (ten years of days). */
const MAX_DAYS = 3_660;

export class InvalidCalendarError extends Error {}

/** Why this calendar spec is unusable, or null when it is fine. */
export function businessHoursProblem(spec: BusinessHoursSpec): string | null {
  if (!IANAZone.isValidZone(spec.timeZone)) return `unknown time zone ${spec.timeZone}`;
  const hours = weeklyHoursProblem(spec.weeklyHours);
  if (hours) return hours;
  for (const holiday of spec.holidays) {
    const date = DateTime.fromISO(holiday, { zone: 'UTC' });
    if (!date.isValid || date.toISODate() !== holiday) return `holiday ${holiday} is not a yyyy-MM-dd date`;
  }
  return null;
}

/**
 * Working time is computed day by day in the tenant's zone: each local day's spans are turned into
 * instants by luxon from the local wall-clock time, so a 09:00-17:00 day is 8 real hours on both DST
 * transition days (the changes happen at night), and a 00:00-24:00 day is 23 or 25 hours, as it really is.
 * A span starting in the spring-forward gap starts when the clocks show the next valid time.
 */
export class BusinessHoursCalendar extends SlaCalendar {
  private readonly spansByWeekday = new Map<number, [number, number][]>();
  private readonly holidays: ReadonlySet<string>;
  private readonly zone: string;

  constructor(spec: BusinessHoursSpec) {
    super();
    const problem = businessHoursProblem(spec);
    if (problem) throw new InvalidCalendarError(problem);
    this.zone = spec.timeZone;
    this.holidays = new Set(spec.holidays);
    for (const span of spec.weeklyHours) {
      const weekday = isoWeekday(span.day);
      const spans = this.spansByWeekday.get(weekday) ?? [];
      spans.push([minuteOfDay(span.start)!, minuteOfDay(span.end)!]);
      this.spansByWeekday.set(
        weekday,
        spans.sort((a, b) => a[0] - b[0]),
      );
    }
  }

  workingMsBetween(from: Date, to: Date): number {
    const start = from.getTime();
    const end = to.getTime();
    let total = 0;
    for (let day = this.dayOf(from), n = 0; day.toMillis() < end; day = day.plus({ days: 1 }), n++) {
      this.guard(n);
      for (const [open, close] of this.spansOf(day)) {
        total += Math.max(0, Math.min(close, end) - Math.max(open, start));
      }
    }
    return total;
  }

  addWorkingMs(from: Date, ms: number): Date {
    const start = from.getTime();
    let remaining = Math.max(0, ms);
    if (remaining === 0) return new Date(start);
    for (let day = this.dayOf(from), n = 0; ; day = day.plus({ days: 1 }), n++) {
      this.guard(n);
      for (const [open, close] of this.spansOf(day)) {
        const begin = Math.max(open, start);
        if (begin >= close) continue;
        if (close - begin >= remaining) return new Date(begin + remaining);
        remaining -= close - begin;
      }
    }
  }

  private dayOf(instant: Date): DateTime {
    return DateTime.fromJSDate(instant, { zone: this.zone }).startOf('day');
  }

  /** The day's working spans as [open, close) epoch milliseconds; none on a holiday. */
  private spansOf(day: DateTime): [number, number][] {
    if (this.holidays.has(day.toISODate()!)) return [];
    return (this.spansByWeekday.get(day.weekday) ?? []).map(([open, close]) => [
      this.instantOf(day, open),
      this.instantOf(day, close),
    ]);
  }

  private instantOf(day: DateTime, minute: number): number {
    if (minute === 24 * 60) return day.plus({ days: 1 }).toMillis();
    return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
  }

  private guard(days: number): void {
    // Unreachable with validated weekly hours (holidays are a finite list); kept so a bug cannot spin.
    if (days > MAX_DAYS) throw new InvalidCalendarError('no working time within ten years');
  }
}
