import { QueueName } from '@sieve/core';
import { TriageJob } from '@sieve/triage';
import { LearningJob } from '@sieve/knowledge';

/** Jobs of the `system` queue. */
export enum SystemJob {
  FlushApiKeyUsage = 'api-key-usage.flush',
  CheckAwsAccounts = 'aws-accounts.check',
  SweepPatternDrift = 'patterns.drift',
}

/** Jobs of the `ingest-poll` queue. */
export enum IngestPollJob {
  /** Periodic: enqueues one Poll per ACTIVE account × region. */
  Schedule = 'poll.schedule',
  Poll = 'poll',
}

/** Jobs of the `notify` queue. */
export enum NotifyJob {
  /** Sends a tenant's due webhook deliveries; woken by the outbox's NOTIFY on commit. */
  DeliverTenant = 'webhook.tenant',
  /** One delivery's next attempt, delayed by its backoff. */
  Retry = 'webhook.retry',
  /** Periodic: wakes tenants whose due deliveries lost their wake-up (Redis is not durable). */
  Sweep = 'webhook.sweep',
}

/** Jobs of the `sla` queue. */
export enum SlaJob {
  /** Periodic: raises the SLA warnings and breaches that are due. */
  Sweep = 'sla.sweep',
}

/** Jobs of the `pooling` queue. */
export enum PoolingJob {
  /** Periodic: counts contributions, promotes, withdraws and retires contradicted global patterns. */
  Cycle = 'pooling.cycle',
}

/** The job name type of each queue, so `@JobHandler(queue, job)` cannot pair a job with the wrong queue. */
export interface JobNamesByQueue {
  [QueueName.System]: SystemJob;
  [QueueName.IngestPoll]: IngestPollJob;
  [QueueName.Triage]: TriageJob;
  [QueueName.Notify]: NotifyJob;
  [QueueName.Sla]: SlaJob;
  [QueueName.Learning]: LearningJob;
  [QueueName.Pooling]: PoolingJob;
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
  [QueueName.Notify]: Object.values(NotifyJob),
  [QueueName.Sla]: Object.values(SlaJob),
  [QueueName.Learning]: Object.values(LearningJob),
  [QueueName.Pooling]: Object.values(PoolingJob),
};
