import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/**
 * Known-good patterns of a tenant: a conjunction of predicates over a finding's fingerprint. The first,
 * minimal form of the knowledge base (global pooled patterns, backtests and learning come with it).
 */
export class KnownGoodPatterns1733800000000 implements MigrationInterface {
  name = 'KnownGoodPatterns1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_good_patterns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        finding_type text NOT NULL,
        predicates jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('PROPOSED', 'ACTIVE', 'RETIRED')),
        allow_critical boolean NOT NULL DEFAULT false,
        hits bigint NOT NULL DEFAULT 0,
        last_hit_at timestamptz,
        expires_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Matching looks up a tenant's active patterns of one finding type: never a scan of all patterns.
    await q.query(
      `CREATE INDEX known_good_patterns_match_idx ON known_good_patterns (tenant_id, finding_type) WHERE status = 'ACTIVE'`,
    );
    await enableTenantRls(q, 'known_good_patterns');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON known_good_patterns TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS known_good_patterns`);
  }
}
