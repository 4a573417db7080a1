import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@sieve/core';
import type { Job } from 'bullmq';
import { JobRegistry } from '../jobs/job-registry.js';
import { NOTIFY_WORKER_OPTIONS } from './notify-worker-options.js';

/** The `notify` queue's worker. */
@Processor(QueueName.Notify, NOTIFY_WORKER_OPTIONS)
export class NotifyProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(QueueName.Notify, job);
  }
}
