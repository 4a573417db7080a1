import { QueueName } from '@sieve/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { DEFAULT_WORKER_OPTIONS } from '../queues/worker-options.js';

/** The `system` queue's worker; what to do with a job is decided by its name in the job registry. */
@Processor(QueueName.System, DEFAULT_WORKER_OPTIONS)
export class SystemProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.System, job);
  }
}
