import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until tokens come back at the configured rate', () => {
    const bucket = new TokenBucket(3, 6, 0);
    for (let request = 0; request < 6; request++) expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.tryTake(300)).toBe(false); // 0.9 tokens back
    expect(bucket.tryTake(334)).toBe(true); // 1.002 tokens back
    expect(bucket.tryTake(334)).toBe(false);
  });

  it('sustains exactly the rate over time', () => {
    const bucket = new TokenBucket(10, 30, 0);
    let granted = 0;
    // 100 requests per second for 10 seconds, after the initial burst of 30.
    for (let time = 0; time < 10_000; time += 10) if (bucket.tryTake(time)) granted++;
    expect(granted).toBeGreaterThanOrEqual(30 + 99);
    expect(granted).toBeLessThanOrEqual(30 + 100);
  });

  it('never holds more than the burst, however long it idles', () => {
    const bucket = new TokenBucket(3, 6, 0);
    const granted = Array.from({ length: 10 }, () => bucket.tryTake(3_600_000)).filter(Boolean);
    expect(granted).toHaveLength(6);
  });

  it('ignores a clock that steps backwards', () => {
    const bucket = new TokenBucket(1, 1, 10_000);
    expect(bucket.tryTake(10_000)).toBe(true);
    expect(bucket.tryTake(5_000)).toBe(false);
    expect(bucket.tryTake(10_500)).toBe(false);
    expect(bucket.tryTake(11_000)).toBe(true);
  });

  it('refuses nonsensical limits', () => {
    expect(() => new TokenBucket(0, 1, 0)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0, 0)).toThrow(RangeError);
  });
});
