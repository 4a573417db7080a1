import { MAX_PAGE_SIZE } from '@sieve/aws';

const MINUTE_MS = 60_000;

/**
 * How far before the cursor each poll starts reading again. Security Hub findings become visible a
 * little after their UpdatedAt (indexing delay, providers' clock skew); re-reading this window costs a
 * few `unchanged` rows and catches them. The store's dedup makes the re-reads harmless.
 */
export const DEFAULT_OVERLAP_MS = 5 * MINUTE_MS;

/** What the first poll of an account × region reads: findings updated in the last 7 days. */
export const DEFAULT_FIRST_POLL_LOOKBACK_MS = 7 * 24 * 60 * MINUTE_MS;

/**
 * The pull's tunables. A class so that a deployment or a test can provide other values
 * (`{ provide: PullSettings, useValue: new PullSettings({ firstPollLookbackMs: … }) }`); without a
 * provider the poller uses the defaults.
 */
export class PullSettings {
  readonly overlapMs: number;
  readonly firstPollLookbackMs: number;
  /** Findings per GetFindings request and per database transaction; Security Hub's maximum. */
  readonly pageSize: number;

  constructor(values: Partial<Pick<PullSettings, 'overlapMs' | 'firstPollLookbackMs' | 'pageSize'>> = {}) {
    this.overlapMs = values.overlapMs ?? DEFAULT_OVERLAP_MS;
    this.firstPollLookbackMs = values.firstPollLookbackMs ?? DEFAULT_FIRST_POLL_LOOKBACK_MS;
    this.pageSize = values.pageSize ?? MAX_PAGE_SIZE;
  }
}
