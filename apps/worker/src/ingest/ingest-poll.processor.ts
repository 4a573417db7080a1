import { QueueName } from '@sieve/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { DEFAULT_WORKER_OPTIONS } from '../queues/worker-options.js';

/** The `ingest-poll` queue's worker. */
@Processor(QueueName.IngestPoll, DEFAULT_WORKER_OPTIONS)
export class IngestPollProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.IngestPoll, job);
  }
}
