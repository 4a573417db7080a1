/**
 * A token bucket as AWS describes its API rate limits: `burst` requests may arrive at once, then
 * tokens come back at `ratePerSecond`. Time is passed in so tests can drive it without sleeping.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    now: number,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new RangeError(`Invalid token bucket: rate ${ratePerSecond}/s, burst ${burst}`);
    }
    this.tokens = burst;
    this.lastRefill = now;
  }

  /** Takes one token when available; false means the request must be throttled. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(now: number): void {
    // A clock that steps backwards must not mint or destroy tokens.
    const elapsedMs = Math.max(0, now - this.lastRefill);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs / 1000) * this.ratePerSecond);
    this.lastRefill = Math.max(now, this.lastRefill);
  }
}
