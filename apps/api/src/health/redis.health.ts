import { Injectable } from '@nestjs/common';
import { type HealthCheckAttempt, HealthIndicatorService } from '@nestjs/terminus';
import { RedisService } from '@sieve/core';

/** Readiness answers within Kubernetes' default 1 s probe timeout; the checks run in parallel. */
export const REDIS_PING_TIMEOUT_MS = 500;

/** PINGs the shared Redis connection (the server BullMQ uses too, unless configured apart). */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  pingCheck<const Key extends string>(key: Key, timeoutMs = REDIS_PING_TIMEOUT_MS): HealthCheckAttempt<Key> {
    return this.indicators
      .check(key)
      .attempt(async () => {
        const { client } = this.redis;
        // While disconnected, ioredis would queue the PING until it reconnects or gives up; answer at once
        // instead (and keep failed probes from piling up in the offline queue).
        if (client.status !== 'ready') throw new Error(`connection is ${client.status}`);
        const reply = await client.ping();
        if (reply !== 'PONG') throw new Error(`unexpected PING reply ${JSON.stringify(reply)}`);
      })
      .withTimeout(timeoutMs);
  }
}
