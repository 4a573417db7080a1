import { retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  const schedule = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles with every failed attempt, between half and all of the exponential delay', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, schedule, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, schedule, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('stops growing at the maximum', () => {
    expect(retryDelayMs(30, schedule, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, schedule, () => 0)).toBe(30_000);
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(3, schedule)));
    expect(delays.size).toBeGreaterThan(1);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(2_000);
  });
});
