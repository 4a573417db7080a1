import { SlaClockKind } from './sla-clock-kind.js';
import { type SlaTimelineEntry, deriveClocks } from './sla-timeline.js';

const entry = (type: string, at: string, data: Record<string, unknown> = {}): SlaTimelineEntry => ({
  type,
  at: new Date(at),
  data,
});
const status = (at: string, from: string, to: string): SlaTimelineEntry =>
  entry('STATUS_CHANGED', at, { from, to });
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

describe('deriveClocks', () => {
  it('has no clocks before the case is created', () => {
    expect(deriveClocks([status('2026-01-05T10:00:00Z', 'NEW', 'ACKNOWLEDGED')])).toEqual([]);
  });

  it('stops the ack clock at the first acknowledged-or-later status and the resolve clock at RESOLVED', () => {
    const [ack, resolve] = deriveClocks([
      entry('CREATED', '2026-01-05T10:00:00Z'),
      status('2026-01-05T10:05:00Z', 'NEW', 'INVESTIGATING'),
      status('2026-01-05T10:30:00Z', 'INVESTIGATING', 'CONTAINMENT'),
      entry('RESOLVED', '2026-01-05T12:00:00Z', { disposition: 'TRUE_POSITIVE' }),
      status('2026-01-05T12:00:00Z', 'CONTAINMENT', 'RESOLVED'),
      status('2026-01-06T09:00:00Z', 'RESOLVED', 'CLOSED'),
    ]);
    expect([ack.kind, iso(ack.startedAt), iso(ack.stoppedAt)]).toEqual([
      SlaClockKind.ACK,
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T10:05:00.000Z',
    ]);
    expect([resolve.kind, resolve.cycle, iso(resolve.stoppedAt)]).toEqual([
      SlaClockKind.RESOLVE,
      0,
      '2026-01-05T12:00:00.000Z',
    ]);
  });

  it('pauses both clocks while PENDING_CUSTOMER, which does not count as acknowledging', () => {
    const [ack, resolve] = deriveClocks([
      entry('CREATED', '2026-01-05T10:00:00Z'),
      status('2026-01-05T10:05:00Z', 'NEW', 'PENDING_CUSTOMER'),
      status('2026-01-05T12:00:00Z', 'PENDING_CUSTOMER', 'ACKNOWLEDGED'),
    ]);
    expect(ack.runs.map((r) => [iso(r.from), iso(r.to)])).toEqual([
      ['2026-01-05T10:00:00.000Z', '2026-01-05T10:05:00.000Z'],
    ]);
    expect(iso(ack.stoppedAt)).toBe('2026-01-05T12:00:00.000Z');
    expect(resolve.runs.map((r) => [iso(r.from), iso(r.to)])).toEqual([
      ['2026-01-05T10:00:00.000Z', '2026-01-05T10:05:00.000Z'],
      ['2026-01-05T12:00:00.000Z', null],
    ]);
  });

  it('starts a new resolve cycle on reopen, once even when REOPENED and STATUS_CHANGED both say so', () => {
    const clocks = deriveClocks([
      entry('CREATED', '2026-01-05T10:00:00Z'),
      status('2026-01-05T10:05:00Z', 'NEW', 'ACKNOWLEDGED'),
      entry('RESOLVED', '2026-01-05T11:00:00Z', { disposition: 'FALSE_POSITIVE' }),
      status('2026-01-07T09:00:00Z', 'RESOLVED', 'INVESTIGATING'),
      entry('REOPENED', '2026-01-07T09:00:00Z'),
      entry('RESOLVED', '2026-01-07T10:00:00Z', { disposition: 'TRUE_POSITIVE' }),
      entry('REOPENED', '2026-01-08T09:00:00Z'),
    ]);
    expect(clocks.map((c) => [c.kind, c.cycle, iso(c.startedAt), iso(c.stoppedAt)])).toEqual([
      [SlaClockKind.ACK, 0, '2026-01-05T10:00:00.000Z', '2026-01-05T10:05:00.000Z'],
      [SlaClockKind.RESOLVE, 0, '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z'],
      [SlaClockKind.RESOLVE, 1, '2026-01-07T09:00:00.000Z', '2026-01-07T10:00:00.000Z'],
      [SlaClockKind.RESOLVE, 2, '2026-01-08T09:00:00.000Z', null],
    ]);
  });

  it('credits each clock to the assignee when it stopped', () => {
    const [ack, resolve] = deriveClocks([
      entry('CREATED', '2026-01-05T10:00:00Z'),
      entry('CLAIMED', '2026-01-05T10:01:00Z', { assigneeId: 'ana' }),
      status('2026-01-05T10:02:00Z', 'NEW', 'ACKNOWLEDGED'),
      entry('ASSIGNED', '2026-01-05T11:00:00Z', { assigneeId: 'bob' }),
      entry('RESOLVED', '2026-01-05T12:00:00Z'),
    ]);
    expect([ack.assigneeAtStop, resolve.assigneeAtStop]).toEqual(['ana', 'bob']);
  });

  it('marks the alarms each clock and cycle already raised', () => {
    const clocks = deriveClocks([
      entry('CREATED', '2026-01-05T10:00:00Z'),
      entry('SLA_WARNING', '2026-01-05T10:12:00Z', { clock: 'ACK', cycle: 0 }),
      entry('SLA_BREACHED', '2026-01-05T10:15:00Z', { clock: 'ACK', cycle: 0 }),
      entry('SLA_WARNING', '2026-01-05T13:12:00Z', { clock: 'RESOLVE', cycle: 0 }),
      entry('RESOLVED', '2026-01-05T14:00:00Z'),
      entry('REOPENED', '2026-01-06T09:00:00Z'),
    ]);
    expect(clocks.map((c) => [c.kind, c.cycle, iso(c.warnedAt), iso(c.breachRaisedAt)])).toEqual([
      [SlaClockKind.ACK, 0, '2026-01-05T10:12:00.000Z', '2026-01-05T10:15:00.000Z'],
      [SlaClockKind.RESOLVE, 0, '2026-01-05T13:12:00.000Z', null],
      [SlaClockKind.RESOLVE, 1, null, null],
    ]);
  });

  it('replays by time, CREATED first among entries of the same instant', () => {
    const [ack] = deriveClocks([
      status('2026-01-05T10:00:00Z', 'NEW', 'ACKNOWLEDGED'),
      entry('CREATED', '2026-01-05T10:00:00Z'),
    ]);
    expect(iso(ack.stoppedAt)).toBe('2026-01-05T10:00:00.000Z');
  });
});
