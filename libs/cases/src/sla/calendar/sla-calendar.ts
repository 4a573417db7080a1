/**
 * The time an SLA clock counts. Budgets are working time: a calendar says how much of it lies between two
 * instants and when a budget that starts at an instant is used up. Milliseconds throughout: minutes would
 * round away the difference between "met" and "breached" at the deadline.
 */
export abstract class SlaCalendar {
  /** Working time in [from, to); 0 when `to` is not after `from`. */
  abstract workingMsBetween(from: Date, to: Date): number;

  /**
   * The earliest instant by which `ms` of working time have passed since `from`. A budget that ends at
   * closing time ends at closing time, not at the next opening; 0 ms is `from` itself.
   */
  abstract addWorkingMs(from: Date, ms: number): Date;
}

/** 24/7: every real millisecond counts, so daylight saving time changes nothing. */
export class AlwaysOnCalendar extends SlaCalendar {
  workingMsBetween(from: Date, to: Date): number {
    return Math.max(0, to.getTime() - from.getTime());
  }

  addWorkingMs(from: Date, ms: number): Date {
    return new Date(from.getTime() + Math.max(0, ms));
  }
}
