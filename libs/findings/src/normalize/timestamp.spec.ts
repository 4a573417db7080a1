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
