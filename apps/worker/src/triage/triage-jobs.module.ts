import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AwsModule } from '@sieve/aws';
import { QueueName } from '@sieve/core';
import { TriageModule } from '@sieve/triage';
import { JobsModule } from '../jobs/jobs.module.js';
import { TriageProcessor } from './triage.processor.js';
import { TriageJobs } from './triage.job.js';

/** The `triage` queue: verdicts per tenant batch, and the sweeper that re-wakes lost work. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Triage }), JobsModule, TriageModule, AwsModule],
  providers: [TriageProcessor, TriageJobs],
})
export class TriageJobsModule {}
