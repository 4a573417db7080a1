/**
 * The one list of BullMQ queues. A queue is a unit of isolation (its own workers, concurrency and
 * backlog), not a kind of job: jobs of one domain share a queue and are told apart by their name.
 *
 * Jobs of each queue are named in the worker's `job-name.ts`. Still to come: writeback, pooling, sla,
 * escalation, notify. The enum lives in core because the API produces jobs too (triage requests).
 */
export enum QueueName {
  /** Housekeeping of the platform itself: periodic flushes, sweeps. */
  System = 'system',
  /** Pulling findings from customers' Security Hub, one job per account × region. */
  IngestPoll = 'ingest-poll',
  /** Verdicts for findings, one tenant's batch per job so that tenants take turns. */
  Triage = 'triage',
}
