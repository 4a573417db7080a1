import type { AppConfig } from '../config/config.schema.js';
import type { QueueOptions } from 'bullmq';

/**
 * Key prefix of every queue: `<REDIS_PREFIX>:{bull}`.
 *
 * Redis Cluster runs a script only when all its keys hash to one slot, and BullMQ's scripts touch many
 * keys of a queue (and, for flows, of several queues). A hash tag (`{...}`, the first one in a key decides
 * the slot) puts all of them in one slot. We tag all queues with the same `{bull}` rather than one tag per
 * queue: flows across queues (the triage pipeline) stay possible, and one Redis shard handles far more
 * jobs per second than we need (PLATFORM.md: ~22,000/s). The tag comes after REDIS_PREFIX so that every
 * key still starts with the deployment's prefix (tests and environments sharing a server clean up by it).
 */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:{bull}`;
}

/** Connection and prefix shared by every queue and worker; each opens its own connections from these. */
export function bullRootOptions(config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_PREFIX'>): QueueOptions {
  return {
    // Workers block on Redis; ioredis must retry their commands forever instead of failing them.
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
    prefix: bullPrefix(config.REDIS_PREFIX),
  };
}
