import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AwsAccountsService } from '@sieve/aws';
import { QueueName } from '@sieve/core';
import { PatternDriftService } from '@sieve/knowledge';
import type { Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { SystemJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

export const PATTERN_DRIFT_SCHEDULER_ID = 'pattern-drift';
/** Drift is measured in days (no hit for 90 days, then 14 days to expiry): once an hour is plenty. */
export const PATTERN_DRIFT_EVERY_MS = 60 * 60 * 1000;

/**
 * Expiry and drift of known-good patterns: an active pattern that stopped matching is given an expiry,
 * and retired when it passes (PatternDriftService); each tenant's set, then the global one.
 */
@Injectable()
export class PatternDriftJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(PatternDriftJob.name);

  constructor(
    private readonly drift: PatternDriftService,
    private readonly accounts: AwsAccountsService,
    @InjectQueue(QueueName.System) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PATTERN_DRIFT_SCHEDULER_ID,
      { every: PATTERN_DRIFT_EVERY_MS },
      { name: SystemJob.SweepPatternDrift, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.System, SystemJob.SweepPatternDrift)
  async sweep(): Promise<{ tenants: number; marked: number; retired: number }> {
    const total = { tenants: 0, marked: 0, retired: 0 };
    for (const tenantId of await this.accounts.tenantIds()) {
      const sweep = await this.drift.sweepTenant(tenantId);
      total.tenants++;
      total.marked += sweep.marked.length;
      total.retired += sweep.retired.length;
    }
    const global = await this.drift.sweepGlobal();
    total.marked += global.marked.length;
    total.retired += global.retired.length;
    if (total.marked || total.retired)
      this.logger.log(`Pattern drift: ${total.marked} given an expiry, ${total.retired} retired`);
    return total;
  }
}
