import { QueueName } from '@sieve/core';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { FindingsPullModule } from '@sieve/findings';
import { JobsModule } from '../jobs/jobs.module.js';
import { IngestPollProcessor } from './ingest-poll.processor.js';
import { SecurityHubPollJob } from './security-hub-poll.job.js';

/** The `ingest-poll` queue: pulling findings from customers' Security Hub. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.IngestPoll }),
    JobsModule,
    FindingsPullModule.register(),
  ],
  providers: [IngestPollProcessor, SecurityHubPollJob],
})
export class IngestJobsModule {}
