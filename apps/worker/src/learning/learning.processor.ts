import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@sieve/core';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { LEARNING_WORKER_OPTIONS } from './learning-worker-options.js';

/** The `learning` queue's worker. */
@Processor(QueueName.Learning, LEARNING_WORKER_OPTIONS)
export class LearningProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.Learning, job);
  }
}
