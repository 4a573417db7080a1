import { CaseSlaState } from '../../model/case-status.js';
import type { SlaCalendar } from '../calendar/sla-calendar.js';
import { SlaClockKind } from './sla-clock-kind.js';
import type { ClockRun, DerivedClock } from './sla-timeline.js';

const MINUTE_MS = 60_000;
/** The warning comes when this share of a clock's budget is used. */
export const WARNING_SHARE = 0.8;

/** What a stopped clock looked like when it was first evaluated as stopped; it keeps that outcome. */
export interface FrozenClock {
  stoppedAt: Date;
  budgetMinutes: number;
  elapsedMs: number;
  warningAt: Date | null;
  dueAt: Date | null;
}

/** A clock measured against its budget at `now`. */
export interface EvaluatedClock extends DerivedClock {
  budgetMinutes: number;
  /** Working time used until it stopped, or until now. */
  elapsedMs: number;
  /** When 80% of the budget is (or was) used; null while paused before that point. */
  warningAt: Date | null;
  /**
   * The deadline: when the budget is (or was) used up. Null while paused with budget left (no deadline
   * runs). For a clock stopped in time, the deadline it met.
   */
  dueAt: Date | null;
  running: boolean;
  paused: boolean;
  /** Used up its budget: a running clock from its deadline on, a stopped one if it stopped after it. */
  breached: boolean;
  /** Decided outcome: true/false once stopped or breached, null while it may still be met. */
  met: boolean | null;
}

/** The instant at which `threshold` ms of working time are used across the runs, if they reach it. */
function thresholdInstant(runs: readonly ClockRun[], threshold: number, calendar: SlaCalendar): Date | null {
  let used = 0;
  for (const run of runs) {
    if (run.to === null) return calendar.addWorkingMs(run.from, threshold - used);
    const worked = calendar.workingMsBetween(run.from, run.to);
    if (used + worked >= threshold) return calendar.addWorkingMs(run.from, threshold - used);
    used += worked;
  }
  return null;
}

/**
 * Measures a clock with the calendar of its tenant. A clock that was already evaluated as stopped at the
 * same instant (`frozen`) keeps that evaluation: a later change of severity, policy or calendar does not
 * rewrite an outcome that was decided.
 */
export function evaluateClock(
  clock: DerivedClock,
  options: { budgetMinutes: number; calendar: SlaCalendar; now: Date; frozen?: FrozenClock | null },
): EvaluatedClock {
  const { calendar, now, frozen } = options;
  const running = clock.stoppedAt === null && clock.runs.at(-1)?.to === null;
  const paused = clock.stoppedAt === null && !running;
  if (frozen && clock.stoppedAt && frozen.stoppedAt.getTime() === clock.stoppedAt.getTime()) {
    const breached = frozen.elapsedMs > frozen.budgetMinutes * MINUTE_MS;
    return { ...clock, ...frozen, running, paused, breached, met: !breached };
  }
  const budgetMs = options.budgetMinutes * MINUTE_MS;
  const end = clock.stoppedAt ?? now;
  const elapsedMs = clock.runs.reduce(
    (sum, run) => sum + calendar.workingMsBetween(run.from, run.to ?? end),
    0,
  );
  const warningAt = thresholdInstant(clock.runs, Math.round(budgetMs * WARNING_SHARE), calendar);
  let dueAt = thresholdInstant(clock.runs, budgetMs, calendar);
  let breached: boolean;
  if (clock.stoppedAt) {
    // A clock that stops at its deadline has met it.
    breached = elapsedMs > budgetMs;
    if (!breached) dueAt = calendar.addWorkingMs(clock.stoppedAt, budgetMs - elapsedMs);
  } else {
    breached = dueAt !== null && dueAt.getTime() <= now.getTime();
  }
  const met = clock.stoppedAt ? !breached : breached ? false : null;
  return {
    ...clock,
    budgetMinutes: options.budgetMinutes,
    elapsedMs,
    warningAt,
    dueAt,
    running,
    paused,
    breached,
    met,
  };
}

/** What `cases` stores of a case's SLA (the sla_* columns). */
export interface CaseSlaSnapshot {
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
  /** The deadline that matters now: ack while unacknowledged, else resolve; null once resolved/closed. */
  dueAt: Date | null;
  state: CaseSlaState;
  /** When the sweeper must look again (a warning or breach to raise); null when nothing is pending. */
  nextCheckAt: Date | null;
}

/** A warning or breach the sweeper must append to the timeline. */
export interface SlaAlarm<C extends EvaluatedClock = EvaluatedClock> {
  type: 'SLA_WARNING' | 'SLA_BREACHED';
  clock: C;
}

const earliest = (dates: readonly (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((min, d) => (d && (!min || d < min) ? d : min), null);

/** When a clock needs the sweeper next, if ever. */
function clockCheckAt(clock: EvaluatedClock): Date | null {
  if (clock.breached) return clock.breachRaisedAt ? null : (clock.stoppedAt ?? clock.dueAt);
  if (!clock.running) return null;
  return clock.warnedAt ? clock.dueAt : clock.warningAt;
}

/**
 * The case's SLA from its evaluated clocks (the ack clock first, then resolve cycles in order).
 * - open: the clock that matters is the ack clock until acknowledged, then the current resolve clock;
 *   BREACHED if it used up its budget, else PAUSED while PENDING_CUSTOMER, else WARNING from 80%, else
 *   ON_TRACK (a late acknowledgement does not taint the resolve clock's standing);
 * - resolved/closed: MET when the ack clock and the last resolve clock met their targets, else BREACHED.
 */
export function summarizeCase(clocks: readonly EvaluatedClock[], now: Date): CaseSlaSnapshot {
  const ack = clocks.find((c) => c.kind === SlaClockKind.ACK)!;
  const resolve = clocks.filter((c) => c.kind === SlaClockKind.RESOLVE).at(-1)!;
  const nextCheckAt = earliest(clocks.map(clockCheckAt));
  const base = { ackDueAt: ack.dueAt, resolveDueAt: resolve.dueAt, nextCheckAt };
  if (resolve.stoppedAt) {
    const state = ack.breached || resolve.breached ? CaseSlaState.BREACHED : CaseSlaState.MET;
    return { ...base, dueAt: null, state };
  }
  const focus = ack.stoppedAt ? resolve : ack;
  let state = CaseSlaState.ON_TRACK;
  if (focus.breached) state = CaseSlaState.BREACHED;
  else if (focus.paused) state = CaseSlaState.PAUSED;
  else if (focus.warningAt && focus.warningAt.getTime() <= now.getTime()) state = CaseSlaState.WARNING;
  return { ...base, dueAt: focus.dueAt, state };
}

/**
 * The alarms due at `now`, at most one per clock: a breach not yet recorded (also for a clock that
 * stopped late before the sweeper saw it), else a warning for a running clock past 80% that has none. A
 * clock already past its deadline gets the breach only, not a warning first.
 */
export function dueAlarms<C extends EvaluatedClock>(clocks: readonly C[], now: Date): SlaAlarm<C>[] {
  const alarms: SlaAlarm<C>[] = [];
  for (const clock of clocks) {
    if (clock.breached && !clock.breachRaisedAt) alarms.push({ type: 'SLA_BREACHED', clock });
    else if (
      clock.running &&
      !clock.breached &&
      !clock.warnedAt &&
      clock.warningAt &&
      clock.warningAt.getTime() <= now.getTime()
    ) {
      alarms.push({ type: 'SLA_WARNING', clock });
    }
  }
  return alarms;
}
