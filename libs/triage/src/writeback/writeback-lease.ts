import type { EntityManager } from 'typeorm';

/** A writeback row held by one flush while it is sent. */
export interface LeasedEntry {
  id: string;
  awsAccountId: string;
  region: string;
  productArn: string;
  providerFindingId: string;
  workflowStatus: 'SUPPRESSED' | 'NOTIFIED';
  note: string;
  attempts: number;
}

export interface LeaseRequest {
  tenantId: string;
  /** The flush's own token: only its outcomes may settle the rows. */
  token: string;
  now: Date;
  until: Date;
  limit: number;
  maxAttempts: number;
}

/**
 * Claims up to `limit` unsent rows of the tenant, oldest first, that no live lease holds (SKIP LOCKED: two
 * flushes claiming at once take different rows). Committed by the caller before anything is sent.
 */
export async function leaseEntries(manager: EntityManager, r: LeaseRequest): Promise<LeasedEntry[]> {
  // An UPDATE answers [rows, count] through TypeORM.
  const [returned] = (await manager.query(
    // The pick runs once, as a materialised CTE: as a sub-select joined to the UPDATE, PostgreSQL may scan it
    // again, and each scan of `LIMIT … SKIP LOCKED` can return other rows (three rows leased under LIMIT 2).
    `WITH pick AS MATERIALIZED (
       SELECT id FROM writeback_outbox
       WHERE tenant_id = $1 AND sent_at IS NULL AND attempts < $4 AND (lease_until IS NULL OR lease_until <= $5)
       ORDER BY id LIMIT $6 FOR UPDATE SKIP LOCKED)
     UPDATE writeback_outbox w SET lease_token = $2, lease_until = $3
     FROM pick WHERE w.id = pick.id
     RETURNING w.id, w.aws_account_id, w.region, w.product_arn, w.provider_finding_id, w.workflow_status,
               w.note, w.attempts`,
    [r.tenantId, r.token, r.until, r.maxAttempts, r.now, r.limit],
  )) as [Record<string, unknown>[], number];
  return returned
    .map((row) => ({
      id: String(row.id),
      awsAccountId: row.aws_account_id as string,
      region: row.region as string,
      productArn: row.product_arn as string,
      providerFindingId: row.provider_finding_id as string,
      workflowStatus: row.workflow_status as LeasedEntry['workflowStatus'],
      note: row.note as string,
      attempts: row.attempts as number,
    }))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}
