import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { SlaModule } from '@sieve/cases';
import { JobsModule } from '../jobs/jobs.module.js';
import { SlaProcessor } from './sla.processor.js';
import { SlaSweepJob } from './sla-sweep.job.js';

/**
 * The `sla` queue: the SLA sweeper. Importing SlaModule also registers the SLA listener in the worker, where
 * case grouping opens and changes cases.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Sla }), JobsModule, SlaModule],
  providers: [SlaProcessor, SlaSweepJob],
})
export class SlaJobsModule {}
