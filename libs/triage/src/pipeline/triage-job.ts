/** Jobs of the `triage` queue (QueueName.Triage). */
export enum TriageJob {
  /** One batch of one tenant's due findings; asked again while the tenant has more. */
  Tenant = 'triage.tenant',
  /** Periodic: wakes triage for tenants whose due findings lost their wake-up (Redis is not durable). */
  Sweep = 'triage.sweep',
  /** Periodic: sends pending verdicts to Security Hub (the writeback outbox). */
  Writeback = 'triage.writeback',
}

export interface TriageTenantJobData {
  tenantId: string;
}

/** BullMQ priority (1 runs first) from the most severe finding waiting: CRITICAL and HIGH overtake. */
export function triagePriority(severityNormalized: number): number {
  if (severityNormalized >= 90) return 1;
  if (severityNormalized >= 70) return 2;
  if (severityNormalized >= 40) return 3;
  return 4;
}
