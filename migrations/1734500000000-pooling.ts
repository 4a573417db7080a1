import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymised cross-tenant pooling (issue 6): the shapes that reached the pool's threshold of distinct
 * tenants, with their state and the global pattern each became, and the pooling job's state. Neither table
 * has a tenant column or anything per tenant (contributions are counted in memory by each cycle, and only
 * the count is kept), and both are platform scope only: tenants read the global patterns, not the pool.
 */
export class Pooling1734500000000 implements MigrationInterface {
  name = 'Pooling1734500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pooled_patterns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT pooled_patterns_key_check CHECK (key ~ '^[0-9a-f]{64}$'),
        finding_type text NOT NULL,
        predicates jsonb NOT NULL,
        state text NOT NULL
          CONSTRAINT pooled_patterns_state_check CHECK (state IN ('PROMOTED', 'WITHDRAWN', 'BLOCKED')),
        tenant_support integer NOT NULL DEFAULT 0
          CONSTRAINT pooled_patterns_tenant_support_check CHECK (tenant_support >= 0),
        global_pattern_id uuid
          CONSTRAINT pooled_patterns_global_pattern_id_fkey
          REFERENCES global_known_good_patterns(id) ON DELETE SET NULL,
        promoted_at timestamptz,
        blocked_at timestamptz,
        blocked_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pooled_patterns_key_key UNIQUE (key)
      )`);
    await q.query(`CREATE INDEX pooled_patterns_created_idx ON pooled_patterns (created_at, id)`);

    await q.query(`
      CREATE TABLE pooling_state (
        singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT pooling_state_singleton_check CHECK (singleton),
        cycles integer NOT NULL DEFAULT 0,
        last_cycle_at timestamptz,
        last_report jsonb
      )`);
    await q.query(`INSERT INTO pooling_state DEFAULT VALUES`);

    for (const table of ['pooled_patterns', 'pooling_state']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_platform ON ${table} FOR ALL
        USING (sieve_platform_scope()) WITH CHECK (sieve_platform_scope())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON pooled_patterns TO sieve_app`);
    await q.query(`GRANT SELECT, UPDATE ON pooling_state TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS pooling_state`);
    await q.query(`DROP TABLE IF EXISTS pooled_patterns`);
  }
}
