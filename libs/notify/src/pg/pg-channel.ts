/**
 * PostgreSQL NOTIFY channels. A notification issued in a transaction is delivered, to every process that
 * LISTENs, only when that transaction commits: the way changes made in one process (API or worker) wake
 * another, with nothing sent for a rolled-back change.
 */
export enum PgChannel {
  /** A tenant has new due webhook deliveries; the payload is `{ tenantId }`. */
  WebhookDeliveries = 'sieve_webhook_deliveries',
  /** A case changed; the payload is `{ tenantId, caseId, entryTypes }` (see the cases adapter). */
  CaseChanges = 'sieve_case_changes',
}

/** NOTIFY payloads must stay under 8,000 bytes; ours carry ids only. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7_900;
