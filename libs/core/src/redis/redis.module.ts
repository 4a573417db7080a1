import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfigService } from '../config/app-config.js';

/** Shared Redis connection for small keyed state (usage counters, locks); BullMQ opens its own. */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;
  /** Every key this deployment writes starts with it, so tests and environments can share a server. */
  readonly prefix: string;

  constructor(@Inject(AppConfigService) config: AppConfigService) {
    this.prefix = config.values.REDIS_PREFIX;
    this.client = new Redis(config.values.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false });
    // Errors surface through health checks and the failing command; an unhandled 'error' event would crash.
    this.client.on('error', () => undefined);
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT on a connection that is not ready yet leaves ioredis waiting on a timer; just drop it then.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
