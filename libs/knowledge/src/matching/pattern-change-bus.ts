import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RedisService } from '@sieve/core';
import type { Redis } from 'ioredis';

/** A pattern set changed: its scope, and the version it reached (see PatternSetVersion). */
export type PatternSetChange =
  { scope: 'TENANT'; tenantId: string; version: number } | { scope: 'GLOBAL'; version: number };

function parseChange(message: string): PatternSetChange | undefined {
  try {
    const c = JSON.parse(message) as Partial<{ scope: string; tenantId: string; version: number }>;
    if (typeof c.version !== 'number') return undefined;
    if (c.scope === 'GLOBAL') return { scope: 'GLOBAL', version: c.version };
    if (c.scope === 'TENANT' && typeof c.tenantId === 'string') {
      return { scope: 'TENANT', tenantId: c.tenantId, version: c.version };
    }
  } catch {
    // not ours, or garbled: ignored below
  }
  return undefined;
}

/**
 * Tells every worker that a pattern set changed, over Redis pub/sub, so each reloads its compiled matcher
 * before the next batch needs it. Best effort by design: a lost message only delays the reload to the next
 * batch, whose version check (PostgreSQL, the source of truth) notices the change anyway.
 */
@Injectable()
export class PatternChangeBus implements OnApplicationShutdown {
  private readonly logger = new Logger(PatternChangeBus.name);
  private subscriber?: Redis;
  private readonly listeners: ((change: PatternSetChange) => void)[] = [];

  constructor(private readonly redis: RedisService) {}

  private get channel(): string {
    return this.redis.key('knowledge', 'pattern-sets');
  }

  async publish(change: PatternSetChange): Promise<void> {
    try {
      await this.redis.client.publish(this.channel, JSON.stringify(change));
    } catch (error) {
      this.logger.warn(
        `Pattern change not published (workers notice it on their next batch): ${String(error)}`,
      );
    }
  }

  /** Calls `listener` with every change published from now on, by any process. */
  async subscribe(listener: (change: PatternSetChange) => void): Promise<void> {
    this.listeners.push(listener);
    if (this.subscriber) return;
    // A connection in subscriber mode can do nothing else: a dedicated one.
    const subscriber = this.redis.client.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => {
      const change = channel === this.channel ? parseChange(message) : undefined;
      if (change) for (const l of this.listeners) l(change);
    });
    await subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (!subscriber) return;
    if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber.disconnect();
  }
}
