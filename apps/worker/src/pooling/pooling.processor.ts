import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@sieve/core';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { DEFAULT_WORKER_OPTIONS } from '../queues/worker-options.js';

/** The `pooling` queue's worker. */
@Processor(QueueName.Pooling, DEFAULT_WORKER_OPTIONS)
export class PoolingProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.Pooling, job);
  }
}
