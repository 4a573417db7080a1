import type { JobsOptions } from 'bullmq';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Periodic housekeeping (flushes, sweeps). No retries: the next run does the same work anyway, and jobs
 * are written to be idempotent. A short history is kept for inspection.
 */
export const PERIODIC_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 500, age: 7 * DAY_SECONDS },
} satisfies JobsOptions;

/**
 * Work whose effect must happen (write-backs, notifications): retried with exponential backoff; failures
 * are kept a week so that an operator can see and replay them.
 */
export const RETRIED_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: DAY_SECONDS },
  removeOnFail: { age: 7 * DAY_SECONDS },
} satisfies JobsOptions;
