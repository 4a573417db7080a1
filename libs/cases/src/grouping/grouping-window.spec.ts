import { joins, spanOf } from './grouping-window.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 2, 2) + hours * HOUR);

describe('grouping window', () => {
  const kase = {
    group_keys: ['resource:i-1', 'control:710000000001:S3.8'],
    first_observed_at: at(0),
    last_observed_at: at(2),
  };
  const group = (keys: string[], ...hours: number[]) => ({
    keys,
    span: spanOf(hours.map((h) => at(h).getTime())),
  });

  it('joins on a shared resource or principal when the findings happened within the window', () => {
    expect(joins(kase, group(['resource:i-1'], 5), 4 * HOUR)).toBe(true);
    expect(joins(kase, group(['resource:i-1'], 7), 4 * HOUR)).toBe(false);
    // A late-ingested finding of long before the case is not part of it either.
    expect(joins(kase, group(['resource:i-1'], -5), 4 * HOUR)).toBe(false);
    expect(joins(kase, group(['resource:i-2'], 1), 4 * HOUR)).toBe(false);
  });

  it('joins on a shared Security Hub control whenever it happened', () => {
    expect(joins(kase, group(['control:710000000001:S3.8'], 48), 4 * HOUR)).toBe(true);
    expect(joins(kase, group(['control:710000000001:S3.2'], 1), 4 * HOUR)).toBe(false);
  });
});
