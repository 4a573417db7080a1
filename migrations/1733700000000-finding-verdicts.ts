import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What triage adds to a finding: enrichment, fingerprint and the verdict with its explanation. */
export class FindingVerdicts1733700000000 implements MigrationInterface {
  name = 'FindingVerdicts1733700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE findings
        ADD COLUMN enrichment jsonb,
        ADD COLUMN fingerprint jsonb,
        ADD COLUMN verdict text CHECK (verdict IN ('SUPPRESSED', 'RAISED')),
        ADD COLUMN verdict_priority smallint CHECK (verdict_priority BETWEEN 1 AND 5),
        ADD COLUMN verdict_explanation text,
        ADD COLUMN verdict_pattern_id uuid,
        ADD COLUMN verdict_pattern_scope text CHECK (verdict_pattern_scope IN ('TENANT', 'GLOBAL')),
        ADD COLUMN verdict_at timestamptz,
        ADD COLUMN triage_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN triage_error text`);
    await q.query(
      `CREATE INDEX findings_tenant_verdict_idx ON findings (tenant_id, verdict, verdict_at DESC) WHERE verdict IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS findings_tenant_verdict_idx`);
    await q.query(`
      ALTER TABLE findings
        DROP COLUMN enrichment, DROP COLUMN fingerprint, DROP COLUMN verdict, DROP COLUMN verdict_priority,
        DROP COLUMN verdict_explanation, DROP COLUMN verdict_pattern_id, DROP COLUMN verdict_pattern_scope,
        DROP COLUMN verdict_at, DROP COLUMN triage_attempts, DROP COLUMN triage_error`);
  }
}
