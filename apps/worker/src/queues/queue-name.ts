/**
 * The one list of BullMQ queues. A queue is a unit of isolation (its own workers, concurrency and
 * backlog), not a kind of job: jobs of one domain share a queue and are told apart by their name.
 *
 * Still to come, each with its job enum in `job-name.ts`: triage, writeback, pooling, sla, escalation,
 * notify.
 */
export enum QueueName {
  /** Housekeeping of the platform itself: periodic flushes, sweeps. */
  System = 'system',
  /** Pulling findings from customers' Security Hub, one job per account × region. */
  IngestPoll = 'ingest-poll',
}
