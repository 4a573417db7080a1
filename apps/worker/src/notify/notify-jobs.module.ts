import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { NotifyModule } from '@sieve/notify';
import { JobsModule } from '../jobs/jobs.module.js';
import { NotifyProcessor } from './notify.processor.js';
import { WebhookJobs } from './webhook-jobs.js';

/** The `notify` queue: webhook deliveries, their retries and the sweeper. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Notify }), JobsModule, NotifyModule],
  providers: [NotifyProcessor, WebhookJobs],
})
export class NotifyJobsModule {}
