/**
 * The one list of BullMQ queues. A queue is a unit of isolation (its own workers, concurrency and
 * backlog), not a kind of job: jobs of one domain share a queue and are told apart by their name.
 *
 * Jobs of each queue are named in the worker's `job-name.ts`. Still to come: writeback, sla, escalation. The enum lives in core because the API produces jobs too (triage requests).
 */
export enum QueueName {
  /** Housekeeping of the platform itself: periodic flushes, sweeps. */
  System = 'system',
  /** Pulling findings from customers' Security Hub, one job per account × region. */
  IngestPoll = 'ingest-poll',
  /** Verdicts for findings, one tenant's batch per job so that tenants take turns. */
  Triage = 'triage',
  /** Outbound webhooks: one tenant's due deliveries per job, retries, and the sweeper. */
  Notify = 'notify',
  /** SLA: the sweeper that raises warnings and breaches when a case's next SLA check is due. */
  Sla = 'sla',
  /** The learning loop: backtests of patterns proposed from resolved cases (and their activation). */
  Learning = 'learning',
  /** Cross-tenant pooling of known-good patterns: the periodic cycle. */
  Pooling = 'pooling',
}
