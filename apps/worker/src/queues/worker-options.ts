import type { WorkerOptions } from 'bullmq';

/**
 * Options of every `@Processor` (the connection and prefix come from the root BullMQ config).
 * `autorun: false` because BullMQ would otherwise start taking jobs while the application is still
 * initialising; `WorkerLifecycle` starts the workers once the job registry has checked the handlers and
 * every module is up.
 */
export const DEFAULT_WORKER_OPTIONS = {
  autorun: false,
  concurrency: 1,
} satisfies Partial<WorkerOptions>;

/**
 * Triage batches of different tenants run side by side (a tenant has at most one batch running: its
 * jobs are deduplicated), so one slow enrichment does not hold every tenant back.
 */
export const TRIAGE_WORKER_OPTIONS = {
  ...DEFAULT_WORKER_OPTIONS,
  concurrency: 4,
  // A tenant has one triage job at a time, so a job held by a crashed worker holds the tenant back until
  // BullMQ declares it stalled. Batches take well under a second: a short lock (renewed at half its
  // length) and a frequent stalled check bring a tenant back within ~15 s of a crash instead of ~60-90 s.
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
} satisfies Partial<WorkerOptions>;
