import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/** Findings from every source, one row per (tenant, product, finding), with the raw JSON kept. */
export class Findings1733500000000 implements MigrationInterface {
  name = 'Findings1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        product_arn text NOT NULL,
        finding_id text NOT NULL,
        source text NOT NULL CHECK (source IN ('securityhub', 'guardduty')),
        aws_account_id text NOT NULL,
        region text NOT NULL,
        finding_type text NOT NULL,
        types text[] NOT NULL,
        title text NOT NULL,
        severity_label text NOT NULL CHECK (severity_label IN ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        severity_normalized smallint NOT NULL CHECK (severity_normalized BETWEEN 0 AND 100),
        provider_created_at timestamptz NOT NULL,
        provider_updated_at timestamptz NOT NULL,
        record_state text,
        workflow_status text,
        resources jsonb NOT NULL,
        observables jsonb NOT NULL,
        raw jsonb NOT NULL,
        occurrences integer NOT NULL DEFAULT 1,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        triage_status text NOT NULL DEFAULT 'PENDING' CHECK (triage_status IN ('PENDING', 'DONE', 'ERROR', 'DEAD')),
        triage_requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX findings_identity_key ON findings (tenant_id, product_arn, finding_id)`,
    );
    await q.query(`CREATE INDEX findings_tenant_seen_idx ON findings (tenant_id, last_seen_at DESC)`);
    // What the triage sweeper scans for: work that Redis may have lost.
    await q.query(
      `CREATE INDEX findings_pending_triage_idx ON findings (triage_requested_at) WHERE triage_status = 'PENDING'`,
    );
    await enableTenantRls(q, 'findings');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON findings TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS findings`);
  }
}
