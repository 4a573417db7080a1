export interface RateLimit {
  /** Tokens added per second: the sustained request rate. */
  ratePerSecond: number;
  /** Bucket size: how many requests may go at once after a quiet period. */
  burst: number;
}

/**
 * AWS's published API quotas, per account and region, keyed by operation name. Going over them only
 * earns throttling errors and retries, and the quota is shared with the customer's own tools, so
 * Sieve keeps under them itself.
 */
export const AWS_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  GetFindings: { ratePerSecond: 3, burst: 6 },
  BatchUpdateFindings: { ratePerSecond: 10, burst: 30 },
  BatchImportFindings: { ratePerSecond: 10, burst: 30 },
  LookupEvents: { ratePerSecond: 2, burst: 2 },
};

/**
 * The limits in force; a provider so tests (and an operator who negotiated a raised quota) can
 * replace them: `{ provide: AwsRateLimits, useValue: new AwsRateLimits({ ...AWS_RATE_LIMITS, … }) }`.
 */
export class AwsRateLimits {
  constructor(private readonly limits: Readonly<Record<string, RateLimit>> = AWS_RATE_LIMITS) {}

  /** undefined: the operation has no quota worth client-side limiting. */
  for(operation: string): RateLimit | undefined {
    return Object.hasOwn(this.limits, operation) ? this.limits[operation] : undefined;
  }
}
