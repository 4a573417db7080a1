import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@sieve/core';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { TRIAGE_WORKER_OPTIONS } from '../queues/worker-options.js';

/** The `triage` queue's worker. */
@Processor(QueueName.Triage, TRIAGE_WORKER_OPTIONS)
export class TriageProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.Triage, job);
  }
}
