import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfigService, QueueName } from '@sieve/core';
import { ApiKeyUsageService } from '@sieve/tenancy';
import type { Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { SystemJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

/** Fixed id: every worker replica upserts the same scheduler, so there is one schedule, not one per replica. */
export const API_KEY_USAGE_FLUSH_SCHEDULER_ID = 'api-key-usage-flush';

/** Writes the API key usage the API collected in Redis to `api_keys.last_used_at`, every few seconds. */
@Injectable()
export class ApiKeyUsageFlushJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeyUsageFlushJob.name);

  constructor(
    private readonly usage: ApiKeyUsageService,
    private readonly config: AppConfigService,
    @InjectQueue(QueueName.System) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.values.API_KEY_USAGE_FLUSH_SECONDS * 1000;
    await this.queue.upsertJobScheduler(
      API_KEY_USAGE_FLUSH_SCHEDULER_ID,
      { every },
      { name: SystemJob.FlushApiKeyUsage, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.System, SystemJob.FlushApiKeyUsage)
  async flush(): Promise<{ keys: number; tenants: number }> {
    const result = await this.usage.flush();
    if (result.keys > 0) {
      this.logger.log(`Flushed API key usage: ${result.keys} key(s) of ${result.tenants} tenant(s)`);
    }
    return result;
  }
}
