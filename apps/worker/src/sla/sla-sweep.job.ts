import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { SlaSweeper, type SlaSweepSummary } from '@sieve/cases';
import type { Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { SlaJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

/** Fixed id: every worker replica upserts the same scheduler, so there is one schedule, not one per replica. */
export const SLA_SWEEP_SCHEDULER_ID = 'sla-sweep';
/** How late a warning or breach may be raised, at most (plus the sweep's own duration). */
export const SLA_SWEEP_EVERY_MS = 5_000;

/**
 * Raises due SLA warnings and breaches. The state lives in PostgreSQL (`cases.sla_next_check_at` and the
 * timeline), so a lost or repeated run only delays or repeats a check, never an alarm.
 */
@Injectable()
export class SlaSweepJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaSweepJob.name);

  constructor(
    private readonly sweeper: SlaSweeper,
    @InjectQueue(QueueName.Sla) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SLA_SWEEP_SCHEDULER_ID,
      { every: SLA_SWEEP_EVERY_MS },
      { name: SlaJob.Sweep, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.Sla, SlaJob.Sweep)
  async sweep(): Promise<SlaSweepSummary> {
    const summary = await this.sweeper.sweep();
    if (summary.warnings + summary.breaches + summary.failed > 0) {
      this.logger.log(
        `SLA sweep: ${summary.warnings} warning(s), ${summary.breaches} breach(es), ${summary.failed} failed check(s)`,
      );
    }
    return summary;
  }
}
