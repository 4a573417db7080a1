/** Findings triaged per unit of work; the rest of a tenant's backlog waits behind other tenants. */
export const TRIAGE_BATCH_SIZE = 100;

/** Attempts before a finding is DEAD (visible to platform admins, replayable). */
export const MAX_TRIAGE_ATTEMPTS = 5;

/** Backoff before retrying a failed triage: 2 s, 4 s, 8 s, ... capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
