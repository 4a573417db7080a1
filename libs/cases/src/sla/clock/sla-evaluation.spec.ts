import { ManualClock } from '@sieve/core';
import { CaseSlaState } from '../../model/case-status.js';
import { BusinessHoursCalendar } from '../calendar/business-hours-calendar.js';
import { AlwaysOnCalendar, type SlaCalendar } from '../calendar/sla-calendar.js';
import { WORKING_WEEK } from '../calendar/weekday.js';
import { SlaClockKind } from './sla-clock-kind.js';
import {
  type EvaluatedClock,
  type FrozenClock,
  dueAlarms,
  evaluateClock,
  summarizeCase,
} from './sla-evaluation.js';
import { type SlaTimelineEntry, deriveClocks } from './sla-timeline.js';

const MINUTE = 60_000;
const entry = (type: string, at: string, data: Record<string, unknown> = {}): SlaTimelineEntry => ({
  type,
  at: new Date(at),
  data,
});
const status = (at: string, from: string, to: string): SlaTimelineEntry =>
  entry('STATUS_CHANGED', at, { from, to });
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** A case's clocks, evaluated with `ack`/`resolve` budgets (minutes) on the calendar at the clock's now. */
function evaluate(
  entries: readonly SlaTimelineEntry[],
  budgets: { ack: number; resolve: number },
  calendar: SlaCalendar,
  clock: ManualClock,
): EvaluatedClock[] {
  return deriveClocks(entries).map((c) =>
    evaluateClock(c, {
      budgetMinutes: c.kind === SlaClockKind.ACK ? budgets.ack : budgets.resolve,
      calendar,
      now: clock.now(),
    }),
  );
}

const alarmsOf = (clocks: EvaluatedClock[], now: Date): string[] =>
  dueAlarms(clocks, now).map((a) => `${a.type} ${a.clock.kind}#${a.clock.cycle}`);

describe('SLA clocks, 24/7, CRITICAL 15 min to acknowledge / 240 min to resolve', () => {
  const calendar = new AlwaysOnCalendar();
  const budgets = { ack: 15, resolve: 240 };
  const created = entry('CREATED', '2026-01-05T10:00:00Z');

  it('is on track, then warns at 80% (12 min), then breaches at 15 min: one alarm each', () => {
    const clock = new ManualClock(new Date('2026-01-05T10:11:00Z'));
    let clocks = evaluate([created], budgets, calendar, clock);
    expect(summarizeCase(clocks, clock.now())).toEqual({
      ackDueAt: new Date('2026-01-05T10:15:00Z'),
      resolveDueAt: new Date('2026-01-05T14:00:00Z'),
      dueAt: new Date('2026-01-05T10:15:00Z'),
      state: CaseSlaState.ON_TRACK,
      nextCheckAt: new Date('2026-01-05T10:12:00Z'),
    });
    expect(alarmsOf(clocks, clock.now())).toEqual([]);

    clock.set(new Date('2026-01-05T10:12:00Z'));
    clocks = evaluate([created], budgets, calendar, clock);
    expect(summarizeCase(clocks, clock.now()).state).toBe(CaseSlaState.WARNING);
    expect(alarmsOf(clocks, clock.now())).toEqual(['SLA_WARNING ACK#0']);

    const warned = [created, entry('SLA_WARNING', '2026-01-05T10:12:00Z', { clock: 'ACK', cycle: 0 })];
    clocks = evaluate(warned, budgets, calendar, clock);
    expect(alarmsOf(clocks, clock.now())).toEqual([]);
    expect(iso(summarizeCase(clocks, clock.now()).nextCheckAt)).toBe('2026-01-05T10:15:00.000Z');

    clock.set(new Date('2026-01-05T10:15:00Z'));
    clocks = evaluate(warned, budgets, calendar, clock);
    expect(summarizeCase(clocks, clock.now()).state).toBe(CaseSlaState.BREACHED);
    expect(alarmsOf(clocks, clock.now())).toEqual(['SLA_BREACHED ACK#0']);

    const breached = [...warned, entry('SLA_BREACHED', '2026-01-05T10:15:00Z', { clock: 'ACK', cycle: 0 })];
    clock.set(new Date('2026-01-05T10:40:00Z'));
    clocks = evaluate(breached, budgets, calendar, clock);
    expect(alarmsOf(clocks, clock.now())).toEqual([]);
    // Next: the resolve clock's warning at 80% of 240 min.
    expect(iso(summarizeCase(clocks, clock.now()).nextCheckAt)).toBe('2026-01-05T13:12:00.000Z');
    expect(clocks[0]).toMatchObject({ breached: true, met: false, elapsedMs: 40 * MINUTE });
  });

  it('raises only the breach when the sweeper first looks after the deadline', () => {
    const clock = new ManualClock(new Date('2026-01-05T10:30:00Z'));
    expect(alarmsOf(evaluate([created], budgets, calendar, clock), clock.now())).toEqual([
      'SLA_BREACHED ACK#0',
    ]);
  });

  it('raises a breach for an acknowledgement that came late, before the sweeper saw the deadline pass', () => {
    const clock = new ManualClock(new Date('2026-01-05T10:21:00Z'));
    const clocks = evaluate(
      [created, status('2026-01-05T10:20:00Z', 'NEW', 'ACKNOWLEDGED')],
      budgets,
      calendar,
      clock,
    );
    expect(alarmsOf(clocks, clock.now())).toEqual(['SLA_BREACHED ACK#0']);
    const snapshot = summarizeCase(clocks, clock.now());
    expect(iso(snapshot.nextCheckAt)).toBe('2026-01-05T10:20:00.000Z');
    // The resolve clock, the one that matters now, is on track.
    expect([snapshot.state, iso(snapshot.dueAt)]).toEqual([
      CaseSlaState.ON_TRACK,
      '2026-01-05T14:00:00.000Z',
    ]);
  });

  it('meets a clock that stops exactly at its deadline', () => {
    const clock = new ManualClock(new Date('2026-01-05T11:00:00Z'));
    const [ack] = evaluate(
      [created, status('2026-01-05T10:15:00Z', 'NEW', 'ACKNOWLEDGED')],
      budgets,
      calendar,
      clock,
    );
    expect(ack).toMatchObject({ breached: false, met: true, dueAt: new Date('2026-01-05T10:15:00Z') });
  });

  it('pauses while PENDING_CUSTOMER and moves the deadline by the pause', () => {
    const clock = new ManualClock(new Date('2026-01-05T13:00:00Z'));
    const timeline = [
      created,
      status('2026-01-05T10:10:00Z', 'NEW', 'INVESTIGATING'),
      status('2026-01-05T11:00:00Z', 'INVESTIGATING', 'PENDING_CUSTOMER'),
    ];
    let clocks = evaluate(timeline, budgets, calendar, clock);
    expect(summarizeCase(clocks, clock.now())).toEqual({
      ackDueAt: new Date('2026-01-05T10:15:00Z'),
      resolveDueAt: null,
      dueAt: null,
      state: CaseSlaState.PAUSED,
      nextCheckAt: null,
    });
    expect(clocks[1].elapsedMs).toBe(60 * MINUTE);

    // Back after four hours: 180 of 240 minutes are left, so the deadline is 15:00 + 3 h.
    timeline.push(status('2026-01-05T15:00:00Z', 'PENDING_CUSTOMER', 'INVESTIGATING'));
    clock.set(new Date('2026-01-05T16:00:00Z'));
    clocks = evaluate(timeline, budgets, calendar, clock);
    expect(summarizeCase(clocks, clock.now())).toMatchObject({
      resolveDueAt: new Date('2026-01-05T18:00:00Z'),
      dueAt: new Date('2026-01-05T18:00:00Z'),
      state: CaseSlaState.ON_TRACK,
      // 80% of 240 = 192 min: 60 before the pause, 132 after 15:00.
      nextCheckAt: new Date('2026-01-05T17:12:00Z'),
    });
    expect(clocks[1].elapsedMs).toBe(120 * MINUTE);
  });

  it('pauses the ack clock too when the case goes to PENDING_CUSTOMER unacknowledged', () => {
    const clock = new ManualClock(new Date('2026-01-05T12:30:00Z'));
    const [ack] = evaluate(
      [
        created,
        status('2026-01-05T10:05:00Z', 'NEW', 'PENDING_CUSTOMER'),
        status('2026-01-05T12:00:00Z', 'PENDING_CUSTOMER', 'ACKNOWLEDGED'),
      ],
      budgets,
      calendar,
      clock,
    );
    expect(ack).toMatchObject({ elapsedMs: 5 * MINUTE, met: true });
  });

  it('stays BREACHED when paused after the deadline, and still raises the breach', () => {
    const clock = new ManualClock(new Date('2026-01-05T10:30:00Z'));
    const clocks = evaluate(
      [created, status('2026-01-05T10:20:00Z', 'NEW', 'PENDING_CUSTOMER')],
      budgets,
      calendar,
      clock,
    );
    expect(summarizeCase(clocks, clock.now())).toMatchObject({
      state: CaseSlaState.BREACHED,
      ackDueAt: new Date('2026-01-05T10:15:00Z'),
      nextCheckAt: new Date('2026-01-05T10:15:00Z'),
    });
    expect(alarmsOf(clocks, clock.now())).toEqual(['SLA_BREACHED ACK#0']);
  });

  it('warns on resume for a clock that crossed 80% just before a pause, not during the pause', () => {
    const clock = new ManualClock(new Date('2026-01-05T11:00:00Z'));
    const timeline = [created, status('2026-01-05T10:13:00Z', 'NEW', 'PENDING_CUSTOMER')];
    expect(alarmsOf(evaluate(timeline, budgets, calendar, clock), clock.now())).toEqual([]);
    timeline.push(status('2026-01-05T11:00:00Z', 'PENDING_CUSTOMER', 'NEW'));
    expect(alarmsOf(evaluate(timeline, budgets, calendar, clock), clock.now())).toEqual([
      'SLA_WARNING ACK#0',
    ]);
  });

  it('restarts the resolve clock with a full budget on reopen; the earlier cycle keeps its outcome', () => {
    const clock = new ManualClock(new Date('2026-01-07T12:00:00Z'));
    const clocks = evaluate(
      [
        created,
        status('2026-01-05T10:05:00Z', 'NEW', 'ACKNOWLEDGED'),
        entry('RESOLVED', '2026-01-05T15:00:00Z'),
        entry('REOPENED', '2026-01-07T09:00:00Z'),
      ],
      budgets,
      calendar,
      clock,
    );
    expect(clocks.map((c) => [c.kind, c.cycle, c.met, iso(c.dueAt)])).toEqual([
      [SlaClockKind.ACK, 0, true, '2026-01-05T10:15:00.000Z'],
      [SlaClockKind.RESOLVE, 0, false, '2026-01-05T14:00:00.000Z'],
      [SlaClockKind.RESOLVE, 1, null, '2026-01-07T13:00:00.000Z'],
    ]);
    const snapshot = summarizeCase(clocks, clock.now());
    expect([snapshot.state, iso(snapshot.dueAt)]).toEqual([
      CaseSlaState.ON_TRACK,
      '2026-01-07T13:00:00.000Z',
    ]);
    // Cycle 0 stopped late without a recorded breach: the sweeper records it now.
    expect(alarmsOf(clocks, clock.now())).toEqual(['SLA_BREACHED RESOLVE#0']);
  });

  it('is MET once resolved in time and BREACHED once resolved late', () => {
    const clock = new ManualClock(new Date('2026-01-06T00:00:00Z'));
    const acked = [created, status('2026-01-05T10:05:00Z', 'NEW', 'ACKNOWLEDGED')];
    const met = evaluate([...acked, entry('RESOLVED', '2026-01-05T13:00:00Z')], budgets, calendar, clock);
    expect(summarizeCase(met, clock.now())).toEqual({
      ackDueAt: new Date('2026-01-05T10:15:00Z'),
      resolveDueAt: new Date('2026-01-05T14:00:00Z'),
      dueAt: null,
      state: CaseSlaState.MET,
      nextCheckAt: null,
    });
    const late = evaluate([...acked, entry('RESOLVED', '2026-01-05T14:01:00Z')], budgets, calendar, clock);
    expect(summarizeCase(late, clock.now()).state).toBe(CaseSlaState.BREACHED);
  });

  it('keeps the outcome of a clock frozen when it stopped, whatever the budget is now', () => {
    const clock = new ManualClock(new Date('2026-01-05T12:00:00Z'));
    const [ack] = deriveClocks([created, status('2026-01-05T10:10:00Z', 'NEW', 'ACKNOWLEDGED')]);
    const frozen: FrozenClock = {
      stoppedAt: new Date('2026-01-05T10:10:00Z'),
      budgetMinutes: 60,
      elapsedMs: 10 * MINUTE,
      warningAt: null,
      dueAt: new Date('2026-01-05T11:00:00Z'),
    };
    // The severity was raised afterwards: 5 minutes would make the acknowledgement late.
    expect(evaluateClock(ack, { budgetMinutes: 5, calendar, now: clock.now(), frozen })).toMatchObject({
      budgetMinutes: 60,
      met: true,
      dueAt: new Date('2026-01-05T11:00:00Z'),
    });
    // A frozen evaluation of another stop does not apply.
    expect(
      evaluateClock(ack, {
        budgetMinutes: 5,
        calendar,
        now: clock.now(),
        frozen: { ...frozen, stoppedAt: clock.now() },
      }),
    ).toMatchObject({ budgetMinutes: 5, met: false });
  });
});

describe('SLA clocks in business hours (Mon-Fri 09:00-17:00), ack 60 min / resolve 960 min', () => {
  const budgets = { ack: 60, resolve: 960 };
  const berlin = new BusinessHoursCalendar({
    timeZone: 'Europe/Berlin',
    weeklyHours: WORKING_WEEK.map((day) => ({ day, start: '09:00', end: '17:00' })),
    holidays: ['2026-05-25'],
  });
  const newYork = new BusinessHoursCalendar({
    timeZone: 'America/New_York',
    weeklyHours: WORKING_WEEK.map((day) => ({ day, start: '09:00', end: '17:00' })),
    holidays: [],
  });

  it('over a weekend and a holiday: Friday 16:30 is due Tuesday 09:30 after Whit Monday', () => {
    // Friday 2026-05-22 16:30 CEST = 14:30Z; Monday 2026-05-25 is a holiday; Tuesday 09:30 CEST = 07:30Z.
    const clock = new ManualClock(new Date('2026-05-25T12:00:00Z'));
    const clocks = evaluate([entry('CREATED', '2026-05-22T14:30:00Z')], budgets, berlin, clock);
    expect(iso(clocks[0].dueAt)).toBe('2026-05-26T07:30:00.000Z');
    // 80% = 48 min: 30 on Friday, 18 on Tuesday.
    expect(iso(clocks[0].warningAt)).toBe('2026-05-26T07:18:00.000Z');
    // Over the long weekend only the 30 minutes of Friday have been used.
    expect(clocks[0].elapsedMs).toBe(30 * MINUTE);
    expect(summarizeCase(clocks, clock.now()).state).toBe(CaseSlaState.ON_TRACK);
    // 960 business minutes = 16 h: 0.5 h on Friday, 8 h on Tuesday, 7.5 h on Wednesday -> 16:30 CEST.
    expect(iso(clocks[1].dueAt)).toBe('2026-05-27T14:30:00.000Z');
  });

  it('Berlin, spring forward: created Saturday 2026-03-28, due Monday 10:00 CEST', () => {
    const clock = new ManualClock(new Date('2026-03-29T12:00:00Z'));
    const [ack] = evaluate([entry('CREATED', '2026-03-28T10:00:00Z')], budgets, berlin, clock);
    expect(iso(ack.dueAt)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('Berlin, fall back: created Sunday 2026-10-25, due Monday 10:00 CET', () => {
    const clock = new ManualClock(new Date('2026-10-25T12:00:00Z'));
    const [ack] = evaluate([entry('CREATED', '2026-10-25T10:00:00Z')], budgets, berlin, clock);
    expect(iso(ack.dueAt)).toBe('2026-10-26T09:00:00.000Z');
  });

  it('New York, both transitions: Friday 16:30 is due Monday 09:30 local, EDT in March, EST in November', () => {
    const clock = new ManualClock(new Date('2026-03-07T00:00:00Z'));
    // Friday 2026-03-06 16:30 EST = 21:30Z -> Monday 2026-03-09 09:30 EDT = 13:30Z.
    expect(iso(evaluate([entry('CREATED', '2026-03-06T21:30:00Z')], budgets, newYork, clock)[0].dueAt)).toBe(
      '2026-03-09T13:30:00.000Z',
    );
    // Friday 2026-10-30 16:30 EDT = 20:30Z -> Monday 2026-11-02 09:30 EST = 14:30Z.
    clock.set(new Date('2026-10-31T00:00:00Z'));
    expect(iso(evaluate([entry('CREATED', '2026-10-30T20:30:00Z')], budgets, newYork, clock)[0].dueAt)).toBe(
      '2026-11-02T14:30:00.000Z',
    );
  });

  it('excludes a pause over a weekend from the business time used', () => {
    // Created Friday 2026-01-09 15:00 UTC+1 (Berlin winter) = 14:00Z, waiting for the customer from 16:00.
    const clock = new ManualClock(new Date('2026-01-12T12:00:00Z'));
    const clocks = evaluate(
      [
        entry('CREATED', '2026-01-09T14:00:00Z'),
        status('2026-01-09T14:10:00Z', 'NEW', 'ACKNOWLEDGED'),
        status('2026-01-09T15:00:00Z', 'ACKNOWLEDGED', 'PENDING_CUSTOMER'),
        // Back Monday 12:00 CET = 11:00Z.
        status('2026-01-12T11:00:00Z', 'PENDING_CUSTOMER', 'INVESTIGATING'),
      ],
      budgets,
      berlin,
      clock,
    );
    // 60 min used on Friday plus 60 min on Monday morning after the pause; Monday 09:00-12:00 is not counted.
    expect(clocks[1].elapsedMs).toBe(120 * MINUTE);
    // 900 min left from Monday 12:00: 5 h Monday, 8 h Tuesday, 2 h Wednesday -> Wednesday 11:00 CET.
    expect(iso(clocks[1].dueAt)).toBe('2026-01-14T10:00:00.000Z');
  });
});
