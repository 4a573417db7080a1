import { type QueueName } from '@sieve/core';
import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobNameOf } from '../queues/job-name.js';

export const JOB_HANDLER_METADATA = 'sieve:job-handler';

export interface JobHandlerMetadata {
  queue: string;
  job: string;
}

export type JobHandlerMethod = (job: Job) => Promise<unknown>;

/**
 * Marks a method of a (singleton) provider as the handler of one job. The job registry finds these at
 * boot and checks them against the job catalogue; the queue's processor dispatches to them by job name.
 */
export function JobHandler<Q extends QueueName>(queue: Q, job: JobNameOf<Q>) {
  return <M extends JobHandlerMethod>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata<string, JobHandlerMetadata>(JOB_HANDLER_METADATA, { queue, job })(target, key, descriptor);
  };
}
