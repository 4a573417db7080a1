/**
 * Findings triaged per unit of work; the rest of a tenant's backlog waits behind other tenants. A batch has a
 * cost whatever its size (some twenty statements in one transaction, a BullMQ job cycle, the matcher's version
 * check, the case grouping's reads), and a tenant has one batch running at a time: 200 rather than 100 halves
 * that cost per finding and the round trips a backlog waits on, while a quiet tenant's CRITICAL finding still
 * waits for at most one batch of a loud one (a fraction of a second; see docs/benchmarks.md).
 */
export const TRIAGE_BATCH_SIZE = 200;

/** Attempts before a finding is DEAD (visible to platform admins, replayable). */
export const MAX_TRIAGE_ATTEMPTS = 5;

/** Backoff before retrying a failed triage: 2 s, 4 s, 8 s, ... capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
