import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AccountHealthCheckService, type HealthCheckSummary } from '@sieve/aws';
import { AppConfigService, QueueName } from '@sieve/core';
import type { Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { SystemJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

/** Fixed id: every worker replica upserts the same scheduler, so there is one schedule, not one per replica. */
export const AWS_ACCOUNTS_CHECK_SCHEDULER_ID = 'aws-accounts-check';

/** Re-verifies every connected AWS account; a role the customer broke shows as DEGRADED with the reason. */
@Injectable()
export class AwsAccountsCheckJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(AwsAccountsCheckJob.name);

  constructor(
    private readonly health: AccountHealthCheckService,
    private readonly config: AppConfigService,
    @InjectQueue(QueueName.System) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      AWS_ACCOUNTS_CHECK_SCHEDULER_ID,
      { every: this.config.values.AWS_ACCOUNT_CHECK_SECONDS * 1000 },
      { name: SystemJob.CheckAwsAccounts, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.System, SystemJob.CheckAwsAccounts)
  async check(): Promise<HealthCheckSummary> {
    const summary = await this.health.checkAll();
    this.logger.log(`Checked ${summary.checked} AWS account(s), ${summary.degraded} degraded`);
    return summary;
  }
}
