import { AlwaysOnCalendar } from './sla-calendar.js';
import {
  BusinessHoursCalendar,
  InvalidCalendarError,
  businessHoursProblem,
} from './business-hours-calendar.js';
import { WORKING_WEEK, Weekday } from './weekday.js';
import type { WorkingHours } from './working-hours.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string): Date => new Date(iso);
const hours = (days: readonly Weekday[], start: string, end: string): WorkingHours[] =>
  days.map((day) => ({ day, start, end }));
const EVERY_DAY = Object.values(Weekday);

describe('BusinessHoursCalendar', () => {
  describe('Mon-Fri 09:00-17:00 UTC', () => {
    const calendar = new BusinessHoursCalendar({
      timeZone: 'UTC',
      weeklyHours: hours(WORKING_WEEK, '09:00', '17:00'),
      holidays: ['2026-05-01'],
    });

    it('skips the weekend: one hour from Friday 16:30 ends Monday 09:30', () => {
      // 2026-01-02 is a Friday.
      expect(calendar.addWorkingMs(at('2026-01-02T16:30:00Z'), HOUR).toISOString()).toBe(
        '2026-01-05T09:30:00.000Z',
      );
      expect(calendar.workingMsBetween(at('2026-01-02T16:00:00Z'), at('2026-01-05T10:00:00Z'))).toBe(
        2 * HOUR,
      );
    });

    it('starts counting at opening time when a budget starts at night', () => {
      expect(calendar.addWorkingMs(at('2026-01-05T07:00:00Z'), 30 * MINUTE).toISOString()).toBe(
        '2026-01-05T09:30:00.000Z',
      );
      expect(calendar.workingMsBetween(at('2026-01-05T00:00:00Z'), at('2026-01-05T09:00:00Z'))).toBe(0);
    });

    it('ends a budget used up at closing time at closing time, not at the next opening', () => {
      expect(calendar.addWorkingMs(at('2026-01-05T09:00:00Z'), 8 * HOUR).toISOString()).toBe(
        '2026-01-05T17:00:00.000Z',
      );
    });

    it('answers the start itself for an empty budget, even outside working hours', () => {
      expect(calendar.addWorkingMs(at('2026-01-03T12:00:00Z'), 0).toISOString()).toBe(
        '2026-01-03T12:00:00.000Z',
      );
    });

    it('skips a holiday: Thursday 16:30 plus one hour before a Friday holiday ends Monday 09:30', () => {
      // 2026-05-01 (May Day) is a Friday.
      expect(calendar.addWorkingMs(at('2026-04-30T16:30:00Z'), HOUR).toISOString()).toBe(
        '2026-05-04T09:30:00.000Z',
      );
      expect(calendar.workingMsBetween(at('2026-04-30T00:00:00Z'), at('2026-05-05T00:00:00Z'))).toBe(
        16 * HOUR,
      );
    });

    it('counts nothing for an empty or reversed range', () => {
      expect(calendar.workingMsBetween(at('2026-01-05T12:00:00Z'), at('2026-01-05T12:00:00Z'))).toBe(0);
      expect(calendar.workingMsBetween(at('2026-01-05T13:00:00Z'), at('2026-01-05T12:00:00Z'))).toBe(0);
    });
  });

  describe('Europe/Berlin, Mon-Fri 09:00-17:00, across both DST transitions', () => {
    const calendar = new BusinessHoursCalendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: hours(WORKING_WEEK, '09:00', '17:00'),
      holidays: [],
    });

    it('spring (last Sunday of March): Friday 16:00 CET plus two hours is Monday 10:00 CEST', () => {
      // Friday 2026-03-27 16:00 +01:00 = 15:00Z; Monday 2026-03-30 10:00 +02:00 = 08:00Z.
      expect(calendar.addWorkingMs(at('2026-03-27T15:00:00Z'), 2 * HOUR).toISOString()).toBe(
        '2026-03-30T08:00:00.000Z',
      );
      expect(calendar.workingMsBetween(at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(
        2 * HOUR,
      );
    });

    it('autumn (last Sunday of October): Friday 16:00 CEST plus two hours is Monday 10:00 CET', () => {
      // Friday 2026-10-23 16:00 +02:00 = 14:00Z; Monday 2026-10-26 10:00 +01:00 = 09:00Z.
      expect(calendar.addWorkingMs(at('2026-10-23T14:00:00Z'), 2 * HOUR).toISOString()).toBe(
        '2026-10-26T09:00:00.000Z',
      );
    });

    it('counts a working day as 8 real hours on either side of a transition', () => {
      expect(calendar.workingMsBetween(at('2026-03-27T00:00:00Z'), at('2026-03-28T00:00:00Z'))).toBe(
        8 * HOUR,
      );
      expect(calendar.workingMsBetween(at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(
        8 * HOUR,
      );
    });
  });

  describe('whole days, every day: the day of a transition is as long as it really is', () => {
    const berlin = new BusinessHoursCalendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: hours(EVERY_DAY, '00:00', '24:00'),
      holidays: [],
    });

    it('Berlin: 23 hours on 2026-03-29 and 25 hours on 2026-10-25', () => {
      expect(berlin.workingMsBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
      expect(berlin.workingMsBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * HOUR);
    });
  });

  describe('America/New_York, a Sunday night shift 00:00-06:00 on the transition days', () => {
    const calendar = new BusinessHoursCalendar({
      timeZone: 'America/New_York',
      weeklyHours: [{ day: Weekday.SUNDAY, start: '00:00', end: '06:00' }],
      holidays: [],
    });

    it('spring (2026-03-08, 02:00 -> 03:00): the shift holds five real hours', () => {
      // 00:00 EST = 05:00Z; 06:00 EDT = 10:00Z.
      expect(calendar.workingMsBetween(at('2026-03-08T05:00:00Z'), at('2026-03-08T10:00:00Z'))).toBe(
        5 * HOUR,
      );
      // Four hours from 00:00 EST end at 05:00 EDT = 09:00Z, not 04:00 local.
      expect(calendar.addWorkingMs(at('2026-03-08T05:00:00Z'), 4 * HOUR).toISOString()).toBe(
        '2026-03-08T09:00:00.000Z',
      );
    });

    it('autumn (2026-11-01, 02:00 -> 01:00): the shift holds seven real hours', () => {
      // 00:00 EDT = 04:00Z; 06:00 EST = 11:00Z.
      expect(calendar.workingMsBetween(at('2026-11-01T04:00:00Z'), at('2026-11-01T11:00:00Z'))).toBe(
        7 * HOUR,
      );
      // A six-hour budget from 00:00 EDT ends at 05:00 EST = 10:00Z, one hour before the shift ends.
      expect(calendar.addWorkingMs(at('2026-11-01T04:00:00Z'), 6 * HOUR).toISOString()).toBe(
        '2026-11-01T10:00:00.000Z',
      );
    });

    it('carries a budget that does not fit into the next week', () => {
      expect(calendar.addWorkingMs(at('2026-11-01T04:00:00Z'), 8 * HOUR).toISOString()).toBe(
        // One hour left after the 7-hour shift: Sunday 2026-11-08 01:00 EST = 06:00Z.
        '2026-11-08T06:00:00.000Z',
      );
    });
  });

  it('inverts: the working time up to the end of a budget is the budget (DST weeks, several zones)', () => {
    let seed = 42;
    const random = (): number => {
      // A fixed-seed LCG, so a failure names a reproducible case.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney']) {
      const calendar = new BusinessHoursCalendar({
        timeZone,
        weeklyHours: [
          ...hours(WORKING_WEEK, '08:30', '12:00'),
          ...hours(WORKING_WEEK, '13:00', '17:45'),
          { day: Weekday.SUNDAY, start: '01:00', end: '04:00' },
        ],
        holidays: ['2026-03-30', '2026-11-02'],
      });
      for (let i = 0; i < 200; i++) {
        const from = new Date(Date.UTC(2026, 2, 20) + Math.floor(random() * 240 * 24) * HOUR + 17 * MINUTE);
        const budget = Math.floor(random() * 40 * HOUR);
        const due = calendar.addWorkingMs(from, budget);
        expect({ timeZone, from, budget, worked: calendar.workingMsBetween(from, due) }).toEqual({
          timeZone,
          from,
          budget,
          worked: budget,
        });
        // The earliest such instant: a millisecond less has not used the budget up.
        if (budget > 0) expect(calendar.workingMsBetween(from, new Date(due.getTime() - 1))).toBe(budget - 1);
      }
    }
  });

  it.each([
    [
      { timeZone: 'Mars/Olympus', weeklyHours: hours(WORKING_WEEK, '09:00', '17:00'), holidays: [] },
      /time zone/,
    ],
    [{ timeZone: 'UTC', weeklyHours: [], holidays: [] }, /at least one span/],
    [{ timeZone: 'UTC', weeklyHours: hours([Weekday.MONDAY], '17:00', '09:00'), holidays: [] }, /end after/],
    [{ timeZone: 'UTC', weeklyHours: hours([Weekday.MONDAY], '9:00', '17:00'), holidays: [] }, /HH:mm/],
    [{ timeZone: 'UTC', weeklyHours: hours([Weekday.MONDAY], '09:00', '24:01'), holidays: [] }, /HH:mm/],
    [
      {
        timeZone: 'UTC',
        weeklyHours: [
          ...hours([Weekday.MONDAY], '09:00', '13:00'),
          ...hours([Weekday.MONDAY], '12:00', '17:00'),
        ],
        holidays: [],
      },
      /overlap/,
    ],
    [
      { timeZone: 'UTC', weeklyHours: hours(WORKING_WEEK, '09:00', '17:00'), holidays: ['2026-02-30'] },
      /holiday/,
    ],
  ])('refuses an unusable spec (%#)', (spec, problem) => {
    expect(businessHoursProblem(spec)).toMatch(problem);
    expect(() => new BusinessHoursCalendar(spec)).toThrow(InvalidCalendarError);
  });
});

describe('AlwaysOnCalendar', () => {
  const calendar = new AlwaysOnCalendar();

  it('counts real time: four hours over the Berlin spring-forward night are four real hours', () => {
    expect(calendar.addWorkingMs(at('2026-03-29T00:00:00Z'), 4 * HOUR).toISOString()).toBe(
      '2026-03-29T04:00:00.000Z',
    );
    expect(calendar.workingMsBetween(at('2026-10-25T00:00:00Z'), at('2026-10-25T04:00:00Z'))).toBe(4 * HOUR);
  });
});
