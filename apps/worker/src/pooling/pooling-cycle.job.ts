import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfigService, QueueName } from '@sieve/core';
import { PoolingCycle, type PoolingCycleReport } from '@sieve/knowledge';
import type { Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { PoolingJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

/** Fixed id: every worker replica upserts the same scheduler, so there is one schedule, not one per replica. */
export const POOLING_CYCLE_SCHEDULER_ID = 'pooling-cycle';

/**
 * The periodic pooling cycle (every POOLING_EVERY_SECONDS). Its state is PostgreSQL's (the pool and the
 * global patterns), so a lost run only delays the next promotion or retirement by one period, and a run
 * that overlaps another one (an admin's `runPoolingCycle`, another replica) waits for it.
 */
@Injectable()
export class PoolingCycleJob implements OnApplicationBootstrap {
  constructor(
    private readonly pooling: PoolingCycle,
    private readonly config: AppConfigService,
    @InjectQueue(QueueName.Pooling) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      POOLING_CYCLE_SCHEDULER_ID,
      { every: this.config.values.POOLING_EVERY_SECONDS * 1000 },
      { name: PoolingJob.Cycle, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.Pooling, PoolingJob.Cycle)
  cycle(): Promise<PoolingCycleReport> {
    return this.pooling.run();
  }
}
