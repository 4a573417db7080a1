import { DEFAULT_WORKER_OPTIONS } from '../queues/worker-options.js';

/**
 * Webhook jobs wait on other people's servers (up to WEBHOOK_TIMEOUT_MS each): several run side by side so
 * that one slow receiver does not hold every other tenant's webhooks back.
 */
export const NOTIFY_WORKER_OPTIONS = { ...DEFAULT_WORKER_OPTIONS, concurrency: 8 };
