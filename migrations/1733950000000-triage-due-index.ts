import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triage claim reads a tenant's due findings most severe first. The first index (all tenants' PENDING
 * rows by time) made every claim and every "anything left?" check walk the whole backlog of every tenant:
 * under a 100,000-finding flood each batch of 100 paid for the flood. This one is in the claim's order, per
 * tenant, and also covers ERROR rows waiting for their retry.
 */
export class TriageDueIndex1733950000000 implements MigrationInterface {
  name = 'TriageDueIndex1733950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS findings_pending_triage_idx`);
    await q.query(
      `CREATE INDEX findings_triage_due_idx ON findings (tenant_id, severity_normalized DESC, triage_requested_at)
       WHERE triage_status IN ('PENDING', 'ERROR')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS findings_triage_due_idx`);
    await q.query(
      `CREATE INDEX findings_pending_triage_idx ON findings (triage_requested_at) WHERE triage_status = 'PENDING'`,
    );
  }
}
