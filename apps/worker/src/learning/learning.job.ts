import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock, QueueName } from '@sieve/core';
import {
  LearningJob,
  type LearningTenantJobData,
  LearningWakeups,
  type ProposalRun,
  ProposalBacktests,
} from '@sieve/knowledge';
import type { Job, Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

export const LEARNING_SWEEP_SCHEDULER_ID = 'learning-sweep';
export const LEARNING_SWEEP_EVERY_MS = 10_000;
/** A proposal younger than this is left to its own wake-up (sent after its case's resolve commits). */
export const LEARNING_SWEEP_GRACE_MS = 5_000;

/**
 * Backtests of patterns proposed from resolved cases, one tenant per job, woken after the resolve commits;
 * the sweeper wakes tenants whose proposals lost that wake-up (Redis is not durable; PostgreSQL says what
 * is pending).
 */
@Injectable()
export class LearningJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(LearningJobs.name);

  constructor(
    private readonly backtests: ProposalBacktests,
    private readonly wakeups: LearningWakeups,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Learning) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      LEARNING_SWEEP_SCHEDULER_ID,
      { every: LEARNING_SWEEP_EVERY_MS },
      { name: LearningJob.Sweep, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.Learning, LearningJob.Backtest)
  async backtest(job: Job<LearningTenantJobData>): Promise<ProposalRun> {
    const run = await this.backtests.runPending(job.data.tenantId);
    if (run.more) await this.wakeups.wake(job.data.tenantId);
    const decided = run.activated.length + run.awaitingApproval.length + run.refused.length;
    if (decided + run.failed.length > 0) {
      this.logger.log(
        `Backtests of tenant ${job.data.tenantId}: ${run.activated.length} activated, ` +
          `${run.awaitingApproval.length} awaiting approval, ${run.refused.length} refused, ${run.failed.length} failed`,
      );
    }
    return run;
  }

  @JobHandler(QueueName.Learning, LearningJob.Sweep)
  async sweep(): Promise<{ woken: number }> {
    const before = new Date(this.clock.now().getTime() - LEARNING_SWEEP_GRACE_MS);
    const tenants = await this.backtests.tenantsWithPending(before);
    for (const tenantId of tenants) await this.wakeups.wake(tenantId);
    return { woken: tenants.length };
  }
}
