import type { WorkerOptions } from 'bullmq';
import { DEFAULT_WORKER_OPTIONS } from '../queues/worker-options.js';

/**
 * Backtests of different tenants run side by side (a tenant has one job at a time: its jobs are
 * deduplicated). A backtest may read a month of a large tenant's findings: a lock long enough that BullMQ
 * does not take a slow one for a stalled one.
 */
export const LEARNING_WORKER_OPTIONS = {
  ...DEFAULT_WORKER_OPTIONS,
  concurrency: 2,
  lockDuration: 60_000,
} satisfies Partial<WorkerOptions>;
