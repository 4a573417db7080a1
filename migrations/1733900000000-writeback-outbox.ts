import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/**
 * Verdicts to write back to Security Hub, committed with the verdict (an outbox): a crash between the
 * verdict and the AWS call loses nothing, and a re-run never writes one verdict twice.
 */
export class WritebackOutbox1733900000000 implements MigrationInterface {
  name = 'WritebackOutbox1733900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN writeback_enabled boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE writeback_outbox (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        finding_id uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        verdict_at timestamptz NOT NULL,
        aws_account_id text NOT NULL,
        region text NOT NULL,
        product_arn text NOT NULL,
        provider_finding_id text NOT NULL,
        workflow_status text NOT NULL CHECK (workflow_status IN ('SUPPRESSED', 'NOTIFIED')),
        note text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz,
        last_error text,
        UNIQUE (finding_id, verdict_at)
      )`);
    await q.query(
      `CREATE INDEX writeback_outbox_unsent_idx ON writeback_outbox (tenant_id, id) WHERE sent_at IS NULL`,
    );
    await enableTenantRls(q, 'writeback_outbox');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON writeback_outbox TO sieve_app`);
    await q.query(`GRANT USAGE ON SEQUENCE writeback_outbox_id_seq TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS writeback_outbox`);
    await q.query(`ALTER TABLE tenants DROP COLUMN writeback_enabled`);
  }
}
