import { QueueName } from '@sieve/core';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AwsModule } from '@sieve/aws';
import { KnowledgeModule } from '@sieve/knowledge';
import { TenancyModule } from '@sieve/tenancy';
import { JobsModule } from '../jobs/jobs.module.js';
import { ApiKeyUsageFlushJob } from './api-key-usage-flush.job.js';
import { AwsAccountsCheckJob } from './aws-accounts-check.job.js';
import { PatternDriftJob } from './pattern-drift.job.js';
import { SystemProcessor } from './system.processor.js';

/** The `system` queue: its processor and the housekeeping jobs it runs. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.System }),
    JobsModule,
    TenancyModule,
    AwsModule,
    KnowledgeModule,
  ],
  providers: [SystemProcessor, ApiKeyUsageFlushJob, AwsAccountsCheckJob, PatternDriftJob],
})
export class SystemJobsModule {}
