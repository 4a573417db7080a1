import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { PoolingModule } from '@sieve/knowledge';
import { JobsModule } from '../jobs/jobs.module.js';
import { PoolingCycleJob } from './pooling-cycle.job.js';
import { PoolingProcessor } from './pooling.processor.js';

/** The `pooling` queue: the periodic cross-tenant pooling cycle. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Pooling }), JobsModule, PoolingModule],
  providers: [PoolingProcessor, PoolingCycleJob],
})
export class PoolingJobsModule {}
