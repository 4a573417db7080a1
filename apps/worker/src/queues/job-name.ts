import { QueueName } from '@sieve/core';
import { TriageJob } from '@sieve/triage';

/** Jobs of the `system` queue. */
export enum SystemJob {
  FlushApiKeyUsage = 'api-key-usage.flush',
  CheckAwsAccounts = 'aws-accounts.check',
}

/** Jobs of the `ingest-poll` queue. */
export enum IngestPollJob {
  /** Periodic: enqueues one Poll per ACTIVE account × region. */
  Schedule = 'poll.schedule',
  Poll = 'poll',
}

/** The job name type of each queue, so `@JobHandler(queue, job)` cannot pair a job with the wrong queue. */
export interface JobNamesByQueue {
  [QueueName.System]: SystemJob;
  [QueueName.IngestPoll]: IngestPollJob;
  [QueueName.Triage]: TriageJob;
}

export type JobNameOf<Q extends QueueName> = JobNamesByQueue[Q];

/**
 * Every job the worker must be able to run. At boot the job registry fails the process if a job here has
 * no handler or two, or if a handler names a job that is not here.
 */
export const JOB_CATALOGUE: { readonly [Q in QueueName]: readonly JobNameOf<Q>[] } = {
  [QueueName.System]: Object.values(SystemJob),
  [QueueName.IngestPoll]: Object.values(IngestPollJob),
  [QueueName.Triage]: Object.values(TriageJob),
};
