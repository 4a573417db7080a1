import type { ThrottleLimit } from '../seed/seed.types.js';
import { AWS_THROTTLE_LIMITS, isThrottledOperation, type ThrottledOperation } from './throttle-limits.js';
import { TokenBucket } from './token-bucket.js';

export type ThrottleLimits = Record<ThrottledOperation, ThrottleLimit | null>;

/** One token bucket per (account, region, operation), as AWS applies its quotas. */
export class ThrottleRegistry {
  private limits: ThrottleLimits;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(overrides: Partial<ThrottleLimits> = {}) {
    this.limits = { ...AWS_THROTTLE_LIMITS, ...overrides };
  }

  currentLimits(): ThrottleLimits {
    return { ...this.limits };
  }

  /** Changes limits at run time; buckets start full again so the new rate applies at once. */
  configure(overrides: Partial<ThrottleLimits>): void {
    this.limits = { ...this.limits, ...overrides };
    this.buckets.clear();
  }

  reset(limits: Partial<ThrottleLimits>): void {
    this.limits = { ...AWS_THROTTLE_LIMITS, ...limits };
    this.buckets.clear();
  }

  /** True when the call may proceed; operations without a quota always may. */
  tryAcquire(accountId: string, region: string, operation: string, now: number): boolean {
    if (!isThrottledOperation(operation)) return true;
    const limit = this.limits[operation];
    if (limit === null) return true;
    const key = `${accountId}/${region}/${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limit.ratePerSecond, limit.burst, now);
      this.buckets.set(key, bucket);
    }
    return bucket.tryTake(now);
  }
}
