import { SlaClockKind } from './sla-clock-kind.js';

/** A timeline entry as the SLA derivation reads it (a `case_events` row). */
export interface SlaTimelineEntry {
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/** A span during which a clock ran; `to` is null while it still runs. */
export interface ClockRun {
  from: Date;
  to: Date | null;
}

/** One clock as the timeline tells it: when it started, ran, stopped, and which alarms it already raised. */
export interface DerivedClock {
  kind: SlaClockKind;
  /** 0 for the ack clock and the first resolve clock; each reopen starts resolve cycle n + 1. */
  cycle: number;
  startedAt: Date;
  runs: ClockRun[];
  stoppedAt: Date | null;
  /** The case's assignee when the clock stopped (the analyst credited with it in reports). */
  assigneeAtStop: string | null;
  /** When an SLA_WARNING entry for this clock was appended, if one was. */
  warnedAt: Date | null;
  /** When an SLA_BREACHED entry for this clock was appended, if one was. */
  breachRaisedAt: Date | null;
}

/** The timeline entry types the SLA clocks depend on; other changes (comments, findings) leave them alone. */
export const SLA_RELEVANT_TYPES: readonly string[] = [
  'CREATED',
  'STATUS_CHANGED',
  'RESOLVED',
  'REOPENED',
  'CLAIMED',
  'ASSIGNED',
  'SEVERITY_CHANGED',
  'SLA_WARNING',
  'SLA_BREACHED',
];

/** Statuses that mean someone has acknowledged the case. PENDING_CUSTOMER does not: it pauses instead. */
const ACKNOWLEDGED = new Set(['ACKNOWLEDGED', 'INVESTIGATING', 'CONTAINMENT', 'RESOLVED', 'CLOSED']);
const TERMINAL = new Set(['RESOLVED', 'CLOSED']);
const PAUSING = 'PENDING_CUSTOMER';
/** Where a REOPENED entry without a target status leaves the case (the case lifecycle's reopen target). */
const REOPEN_STATUS = 'INVESTIGATING';

class ClockBuilder implements DerivedClock {
  runs: ClockRun[];
  stoppedAt: Date | null = null;
  assigneeAtStop: string | null = null;
  warnedAt: Date | null = null;
  breachRaisedAt: Date | null = null;

  constructor(
    readonly kind: SlaClockKind,
    readonly cycle: number,
    readonly startedAt: Date,
  ) {
    this.runs = [{ from: startedAt, to: null }];
  }

  private get openRun(): ClockRun | undefined {
    const last = this.runs.at(-1);
    return last && last.to === null ? last : undefined;
  }

  pause(at: Date): void {
    const run = this.openRun;
    if (run) run.to = at;
  }

  resume(at: Date): void {
    if (!this.stoppedAt && !this.openRun) this.runs.push({ from: at, to: null });
  }

  stop(at: Date, assignee: string | null): void {
    this.pause(at);
    this.stoppedAt = at;
    this.assigneeAtStop = assignee;
  }
}

/**
 * Replays a case's timeline into its clocks. The rules:
 * - both clocks start at CREATED;
 * - the ack clock stops at the first status in ACKNOWLEDGED, INVESTIGATING, CONTAINMENT, RESOLVED, CLOSED;
 * - the resolve clock stops when the case reaches RESOLVED or CLOSED;
 * - while the case is PENDING_CUSTOMER, running clocks are paused (that time is not counted);
 * - leaving RESOLVED/CLOSED for an open status (a REOPENED entry, or a status change) starts a new resolve
 *   clock, cycle n + 1, with a full budget from that instant; the ack clock is never restarted, and earlier
 *   cycles keep their outcome;
 * - SLA_WARNING / SLA_BREACHED entries (data `{ clock, cycle }`) mark the alarms a clock already raised.
 * Entries are replayed in time order (CREATED first among equal times); entries before CREATED are ignored.
 */
export function deriveClocks(entries: readonly SlaTimelineEntry[]): DerivedClock[] {
  const ordered = [...entries].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || Number(b.type === 'CREATED') - Number(a.type === 'CREATED'),
  );
  let ack: ClockBuilder | null = null;
  const resolves: ClockBuilder[] = [];
  let status = 'NEW';
  let assignee: string | null = null;

  const changeStatus = (to: string, at: Date): void => {
    if (!ack) return;
    const from = status;
    status = to;
    if (!ack.stoppedAt && ACKNOWLEDGED.has(to)) ack.stop(at, assignee);
    const current = resolves.at(-1)!;
    if (TERMINAL.has(from) && !TERMINAL.has(to)) {
      resolves.push(new ClockBuilder(SlaClockKind.RESOLVE, resolves.length, at));
    } else if (!current.stoppedAt && TERMINAL.has(to)) {
      current.stop(at, assignee);
    }
    for (const clock of [ack, resolves.at(-1)!]) {
      if (to === PAUSING) clock.pause(at);
      else clock.resume(at);
    }
  };

  for (const entry of ordered) {
    switch (entry.type) {
      case 'CREATED':
        if (!ack) {
          ack = new ClockBuilder(SlaClockKind.ACK, 0, entry.at);
          resolves.push(new ClockBuilder(SlaClockKind.RESOLVE, 0, entry.at));
        }
        break;
      case 'STATUS_CHANGED':
        if (typeof entry.data.to === 'string') changeStatus(entry.data.to, entry.at);
        break;
      case 'RESOLVED':
        changeStatus('RESOLVED', entry.at);
        break;
      case 'REOPENED':
        // A REOPENED entry next to its STATUS_CHANGED must not start a second cycle.
        if (TERMINAL.has(status)) {
          changeStatus(typeof entry.data.to === 'string' ? entry.data.to : REOPEN_STATUS, entry.at);
        }
        break;
      case 'CLAIMED':
      case 'ASSIGNED':
        assignee = typeof entry.data.assigneeId === 'string' ? entry.data.assigneeId : null;
        break;
      case 'SLA_WARNING':
      case 'SLA_BREACHED': {
        const clock = [ack, ...resolves].find(
          (c) => c && c.kind === entry.data.clock && c.cycle === entry.data.cycle,
        );
        if (clock && entry.type === 'SLA_WARNING') clock.warnedAt ??= entry.at;
        if (clock && entry.type === 'SLA_BREACHED') clock.breachRaisedAt ??= entry.at;
        break;
      }
    }
  }
  return ack ? [ack, ...resolves] : [];
}
