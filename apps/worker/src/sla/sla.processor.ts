import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@sieve/core';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { DEFAULT_WORKER_OPTIONS } from '../queues/worker-options.js';

/** The `sla` queue's worker. */
@Processor(QueueName.Sla, DEFAULT_WORKER_OPTIONS)
export class SlaProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.Sla, job);
  }
}
