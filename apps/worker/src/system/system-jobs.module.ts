import { QueueName } from '@sieve/core';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AwsModule } from '@sieve/aws';
import { TenancyModule } from '@sieve/tenancy';
import { JobsModule } from '../jobs/jobs.module.js';
import { ApiKeyUsageFlushJob } from './api-key-usage-flush.job.js';
import { AwsAccountsCheckJob } from './aws-accounts-check.job.js';
import { SystemProcessor } from './system.processor.js';

/** The `system` queue: its processor and the housekeeping jobs it runs. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.System }), JobsModule, TenancyModule, AwsModule],
  providers: [SystemProcessor, ApiKeyUsageFlushJob, AwsAccountsCheckJob],
})
export class SystemJobsModule {}
