import { parseTimestamp } from './timestamp.js';

describe('parseTimestamp', () => {
  it.each([
    ['2019-01-31T23:00:00Z', '2019-01-31T23:00:00.000Z'],
    ['2019-01-31T23:00:00.123456789Z', '2019-01-31T23:00:00.123Z'],
    ['2024-01-04T15:25:10+17:59', '2024-01-03T21:26:10.000Z'],
    ['2024-01-04T15:25:10-1759', '2024-01-05T09:24:10.000Z'],
    ['2024-01-04T15:25:10.5+01', '2024-01-04T14:25:10.500Z'],
  ])('reads the Security Hub form %s', (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    'March 7, 2024',
    '2024/01/04 15:25:10',
    '2024-01-04',
    '2024-01-04T15:25:10',
    '2024-02-30T00:00:00Z',
    '2024-01-04T25:00:00Z',
    '2024-01-04T15:25:10+18:01',
    '2024-01-04T15:25:10.1234567890Z',
  ])('refuses %p', (input) => {
    expect(parseTimestamp(input)).toBeUndefined();
  });
});

/** The first implementation (a date string for Date to parse, printed back to compare): the reference. */
function referenceParse(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(value);
  if (!match) return undefined;
  const [, dateTime, fraction = '', zone] = match;
  let offset = 'Z';
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || '0');
    if (minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
    offset = `${zone[0]}${digits.slice(0, 2)}:${String(minutes).padStart(2, '0')}`;
  }
  const date = new Date(`${dateTime}${fraction.slice(0, 4)}${offset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  const sign = offset === 'Z' ? 0 : offset[0] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6) || '0'));
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  return local.toISOString().slice(0, 19) === dateTime ? date : undefined;
}

describe('parseTimestamp against the first implementation', () => {
  it('agrees on every calendar edge, fraction and offset', () => {
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];
    const years = ['0000', '0004', '0050', '0099', '0100', '1900', '1970', '2000', '2024', '2100', '9999'];
    const months = ['00', '01', '02', '04', '09', '11', '12', '13'];
    const days = ['00', '01', '28', '29', '30', '31', '32'];
    const hours = ['00', '12', '23', '24', '25'];
    const minutes = ['00', '59', '60'];
    const seconds = ['00', '59', '60'];
    const fractions = ['', '.5', '.05', '.123', '.1234', '.999999999'];
    const zones = [
      'Z',
      '+00',
      '-00:00',
      '+01',
      '-0130',
      '+14:00',
      '+18:00',
      '-18:00',
      '+18:01',
      '+12:60',
      '+0959',
    ];
    const disagreements: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 40_000; i++) {
      // Co-prime strides walk the combinations without nesting ten loops.
      const value =
        `${pick(years, i)}-${pick(months, i * 7 + 1)}-${pick(days, i * 3 + 2)}T${pick(hours, i * 11)}:` +
        `${pick(minutes, i * 5)}:${pick(seconds, i * 13)}${pick(fractions, i * 17)}${pick(zones, i * 19)}`;
      const [now, before] = [parseTimestamp(value)?.getTime(), referenceParse(value)?.getTime()];
      if (now !== before) disagreements.push(`${value}: ${now} vs ${before}`);
      if (before !== undefined) accepted++;
    }
    expect(disagreements).toEqual([]);
    // Both sides of the line are exercised.
    expect(accepted).toBeGreaterThan(1_000);
    expect(accepted).toBeLessThan(35_000);
  });
});
