import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/** Where each account × region pull stands: the UpdatedAt cursor and the last outcome. */
export class PollCursors1733600000000 implements MigrationInterface {
  name = 'PollCursors1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finding_poll_cursors (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        aws_account_id text NOT NULL,
        region text NOT NULL,
        updated_since timestamptz,
        last_polled_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        findings_read bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, aws_account_id, region)
      )`);
    await enableTenantRls(q, 'finding_poll_cursors');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON finding_poll_cursors TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS finding_poll_cursors`);
  }
}
