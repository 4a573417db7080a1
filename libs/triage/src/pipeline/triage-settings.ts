/**
 * Findings triaged per unit of work; the rest of a tenant's backlog waits behind other tenants. A batch has a
 * cost whatever its size (some twenty statements in one transaction, a BullMQ job cycle, the matcher's version
 * check, the case grouping's reads, and retro-correlation reading each raised resource's findings once per
 * batch), and a tenant has one batch running at a time. 400 rather than 200 cut PostgreSQL's CPU per finding by
 * ~12 % under the pipeline benchmark (three back-to-back pairs: 348 → 281, 334 → 303, 325 → 291 µs), while a
 * quiet tenant's CRITICAL finding still waits for at most one batch of a loud one (69–97 ms in those runs; see
 * docs/benchmarks.md).
 */
export const TRIAGE_BATCH_SIZE = 400;

/** Attempts before a finding is DEAD (visible to platform admins, replayable). */
export const MAX_TRIAGE_ATTEMPTS = 5;

/** Backoff before retrying a failed triage: 2 s, 4 s, 8 s, ... capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
