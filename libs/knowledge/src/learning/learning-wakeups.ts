import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { AfterCommit } from './after-commit.js';
import { LearningJob, type LearningTenantJobData } from './learning-job.js';

/**
 * Wakes the learning job of a tenant: at most one waits and one runs per tenant (BullMQ deduplication),
 * however many cases are resolved at once. A lost wake-up only delays: pending proposals stay in
 * PostgreSQL and the sweeper wakes their tenant.
 */
@Injectable()
export class LearningWakeups {
  constructor(
    @InjectQueue(QueueName.Learning) private readonly queue: Queue<LearningTenantJobData>,
    private readonly afterCommit: AfterCommit,
  ) {}

  async wake(tenantId: string): Promise<void> {
    await this.queue.add(
      LearningJob.Backtest,
      { tenantId },
      {
        deduplication: { id: `learning.${tenantId}`, keepLastIfActive: true },
        removeOnComplete: true,
        removeOnFail: { age: 24 * 3600 },
      },
    );
  }

  /** Wakes the tenant once the transaction that proposed its patterns has committed (never before). */
  wakeAfterCommit(manager: EntityManager, tenantId: string): void {
    this.afterCommit.defer(manager, () => this.wake(tenantId));
  }
}
