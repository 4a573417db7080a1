import type { EntityManager } from 'typeorm';

/** One account × region of a tenant: the key of its `finding_poll_cursors` row. */
export interface CursorKey {
  tenantId: string;
  accountId: string;
  region: string;
}

/*
 * The cursor row's statements. Each runs inside the caller's tenant unit of work (RLS checks the row's
 * tenant), so the cursor commits or rolls back with whatever else that transaction wrote.
 */

/** Creates the row if missing, stamps the attempt, and returns the cursor (null before any page). */
export async function openCursor(manager: EntityManager, key: CursorKey, now: Date): Promise<Date | null> {
  const [row] = (await manager.query(
    `INSERT INTO finding_poll_cursors (tenant_id, aws_account_id, region, last_polled_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, aws_account_id, region) DO UPDATE SET last_polled_at = excluded.last_polled_at
     RETURNING updated_since`,
    [key.tenantId, key.accountId, key.region, now],
  )) as { updated_since: Date | null }[];
  return row.updated_since;
}

/**
 * Moves the cursor to `to` after a page was stored, counts the findings read, and returns the cursor. GREATEST keeps it
 * from ever moving backwards, also when two polls of the same target overlap in time; a null `to`
 * (no readable UpdatedAt in the page) leaves it where it is.
 */
export async function advanceCursor(
  manager: EntityManager,
  key: CursorKey,
  to: Date | undefined,
  read: number,
): Promise<Date | null> {
  const [rows] = (await manager.query(
    `UPDATE finding_poll_cursors
     SET updated_since = GREATEST(updated_since, $4::timestamptz), findings_read = findings_read + $5
     WHERE tenant_id = $1 AND aws_account_id = $2 AND region = $3
     RETURNING updated_since`,
    [key.tenantId, key.accountId, key.region, to ?? null, read],
  )) as [{ updated_since: Date | null }[], number];
  return rows[0]?.updated_since ?? null;
}

export async function recordSuccess(manager: EntityManager, key: CursorKey, now: Date): Promise<void> {
  await manager.query(
    `UPDATE finding_poll_cursors SET last_success_at = $4, last_error = NULL
     WHERE tenant_id = $1 AND aws_account_id = $2 AND region = $3`,
    [key.tenantId, key.accountId, key.region, now],
  );
}

/** Keeps the reason of a failed poll for the customer; the cursor stays where the last page left it. */
export async function recordFailure(manager: EntityManager, key: CursorKey, reason: string): Promise<void> {
  await manager.query(
    `UPDATE finding_poll_cursors SET last_error = $4
     WHERE tenant_id = $1 AND aws_account_id = $2 AND region = $3`,
    [key.tenantId, key.accountId, key.region, reason],
  );
}
