import type { ThrottleLimit } from '../seed/seed.types.js';

export const THROTTLED_OPERATIONS = [
  'GetFindings',
  'BatchImportFindings',
  'BatchUpdateFindings',
  'LookupEvents',
] as const;

export type ThrottledOperation = (typeof THROTTLED_OPERATIONS)[number];

/**
 * AWS's published quotas, applied per account and region. Security Hub: GetFindings 3 req/s with a
 * burst of 6, BatchImportFindings and BatchUpdateFindings 10 req/s with a burst of 30.
 * CloudTrail LookupEvents: 2 req/s per account per region.
 */
export const AWS_THROTTLE_LIMITS: Record<ThrottledOperation, ThrottleLimit> = {
  GetFindings: { ratePerSecond: 3, burst: 6 },
  BatchImportFindings: { ratePerSecond: 10, burst: 30 },
  BatchUpdateFindings: { ratePerSecond: 10, burst: 30 },
  LookupEvents: { ratePerSecond: 2, burst: 2 },
};

export function isThrottledOperation(name: string): name is ThrottledOperation {
  return (THROTTLED_OPERATIONS as readonly string[]).includes(name);
}
