import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/**
 * The closed learning loop (issue 6): a tenant's learning policy, the patterns proposed from resolved cases
 * with the state of their backtest, and the true-positive feedback (findings of cases resolved
 * TRUE_POSITIVE) that backtests and the pooling job read. Proposals and feedback are readable in platform
 * scope: the sweeper finds tenants with pending backtests there, and the pooling job the contradictions.
 */
export class Learning1734400000000 implements MigrationInterface {
  name = 'Learning1734400000000';

  async up(q: QueryRunner): Promise<void> {
    // No row: the default policy (activate after a clean backtest of the last 30 days).
    await q.query(`
      CREATE TABLE pattern_learning_policies (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        activation text NOT NULL
          CONSTRAINT pattern_learning_policies_activation_check
          CHECK (activation IN ('AUTO_AFTER_CLEAN_BACKTEST', 'REQUIRE_APPROVAL')),
        backtest_days integer NOT NULL DEFAULT 30
          CONSTRAINT pattern_learning_policies_backtest_days_check CHECK (backtest_days BETWEEN 1 AND 365),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await enableTenantRls(q, 'pattern_learning_policies');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON pattern_learning_policies TO sieve_app`);

    // The case is kept by id (the knowledge base does not depend on the case domain), like the pattern's
    // own provenance columns.
    await q.query(`
      CREATE TABLE pattern_proposals (
        pattern_id uuid PRIMARY KEY REFERENCES known_good_patterns(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        case_id uuid NOT NULL,
        case_key text NOT NULL,
        disposition text NOT NULL
          CONSTRAINT pattern_proposals_disposition_check CHECK (disposition IN ('BENIGN_EXPECTED', 'FALSE_POSITIVE')),
        finding_count integer NOT NULL CONSTRAINT pattern_proposals_finding_count_check CHECK (finding_count > 0),
        state text NOT NULL DEFAULT 'PENDING'
          CONSTRAINT pattern_proposals_state_check
          CHECK (state IN ('PENDING', 'CLEAN', 'REFUSED', 'SKIPPED', 'ERROR')),
        backtest jsonb,
        backtested_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pattern_proposals_case_idx ON pattern_proposals (tenant_id, case_id)`);
    // The sweeper's question: which tenants have backtests waiting (a handful of rows at any time).
    await q.query(
      `CREATE INDEX pattern_proposals_pending_idx ON pattern_proposals (created_at) WHERE state = 'PENDING'`,
    );
    await enableTenantRls(q, 'pattern_proposals', { platformReads: true });
    await q.query(`GRANT SELECT, INSERT, UPDATE ON pattern_proposals TO sieve_app`);

    // A finding of a case resolved TRUE_POSITIVE; deleted when the case is reopened. The fingerprint is a
    // snapshot, so the pooling job (platform scope, which cannot read findings) can test global patterns.
    await q.query(`
      CREATE TABLE true_positive_findings (
        case_id uuid NOT NULL,
        finding_id uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        finding_type text NOT NULL,
        fingerprint jsonb NOT NULL DEFAULT '{}'::jsonb,
        verdict_pattern_id uuid,
        verdict_pattern_scope text
          CONSTRAINT true_positive_findings_verdict_pattern_scope_check
          CHECK (verdict_pattern_scope IN ('TENANT', 'GLOBAL')),
        retired_pattern_ids uuid[] NOT NULL DEFAULT '{}',
        marked_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, finding_id)
      )`);
    await q.query(
      `CREATE INDEX true_positive_findings_type_idx ON true_positive_findings (tenant_id, finding_type)`,
    );
    await q.query(
      `CREATE INDEX true_positive_findings_finding_idx ON true_positive_findings (tenant_id, finding_id)`,
    );
    await q.query(`CREATE INDEX true_positive_findings_marked_idx ON true_positive_findings (marked_at)`);
    await enableTenantRls(q, 'true_positive_findings', { platformReads: true });
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON true_positive_findings TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS true_positive_findings`);
    await q.query(`DROP TABLE IF EXISTS pattern_proposals`);
    await q.query(`DROP TABLE IF EXISTS pattern_learning_policies`);
  }
}
