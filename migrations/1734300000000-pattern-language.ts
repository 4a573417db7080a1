import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/** Columns whose change does not change what a pattern matches: no new version, no reload. */
const TENANT_BOOKKEEPING = `'hits' - 'last_hit_at' - 'updated_at'`;
const GLOBAL_BOOKKEEPING = `'tenant_support' - 'updated_at'`;

/**
 * The pattern language (issue 6): provenance, confidence, support and lifecycle columns on tenant
 * patterns; global (pooled) patterns in their own table without any tenant column, readable from every
 * tenant context and written only in platform scope; a tenant's hits on global patterns on the tenant's
 * side; and per-scope version rows, bumped by triggers in the transaction of every pattern change, that
 * workers check before each batch to hot-reload their compiled matcher.
 */
export class PatternLanguage1734300000000 implements MigrationInterface {
  name = 'PatternLanguage1734300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pattern_set_versions (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        version bigint NOT NULL DEFAULT 0,
        last_seq integer NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRls(q, 'pattern_set_versions');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON pattern_set_versions TO sieve_app`);

    await q.query(`
      ALTER TABLE known_good_patterns
        ADD COLUMN seq integer,
        ADD COLUMN confidence real NOT NULL DEFAULT 1 CONSTRAINT known_good_patterns_confidence_check CHECK (confidence BETWEEN 0 AND 1),
        ADD COLUMN support jsonb,
        ADD COLUMN source_case_id uuid,
        ADD COLUMN source_analyst_id uuid,
        ADD COLUMN drift_marked_at timestamptz,
        ADD COLUMN activated_at timestamptz,
        ADD COLUMN retired_at timestamptz,
        ADD COLUMN retired_reason text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    // Number the existing patterns per tenant. The owner obeys row-level security while it is forced.
    await q.query(`ALTER TABLE known_good_patterns NO FORCE ROW LEVEL SECURITY`);
    await q.query(`
      UPDATE known_good_patterns p SET seq = n.seq,
        activated_at = CASE WHEN p.status = 'ACTIVE' THEN p.created_at END
      FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY created_at, id)::int AS seq
            FROM known_good_patterns) n
      WHERE n.id = p.id`);
    await q.query(`ALTER TABLE pattern_set_versions NO FORCE ROW LEVEL SECURITY`);
    await q.query(`
      INSERT INTO pattern_set_versions (tenant_id, version, last_seq)
      SELECT tenant_id, 1, max(seq) FROM known_good_patterns GROUP BY tenant_id`);
    await q.query(`ALTER TABLE pattern_set_versions FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE known_good_patterns FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE known_good_patterns ALTER COLUMN seq SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX known_good_patterns_tenant_seq_key ON known_good_patterns (tenant_id, seq)`,
    );
    await q.query(
      `CREATE INDEX known_good_patterns_tenant_created_idx ON known_good_patterns (tenant_id, created_at)`,
    );
    // Patterns are retired, not deleted, once they have judged anything; only proposals are deleted.
    await q.query(`GRANT DELETE ON known_good_patterns TO sieve_app`);

    // A new pattern takes the next number of its tenant and bumps the version in the same statement.
    await q.query(`
      CREATE FUNCTION sieve_number_tenant_pattern() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO pattern_set_versions AS v (tenant_id, version, last_seq, changed_at)
        VALUES (NEW.tenant_id, 1, 1, now())
        ON CONFLICT (tenant_id) DO UPDATE
          SET version = v.version + 1, last_seq = v.last_seq + 1, changed_at = now()
        RETURNING last_seq INTO NEW.seq;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION sieve_tenant_pattern_set_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE pattern_set_versions SET version = version + 1, changed_at = now() WHERE tenant_id = OLD.tenant_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER known_good_patterns_numbered BEFORE INSERT ON known_good_patterns
      FOR EACH ROW EXECUTE FUNCTION sieve_number_tenant_pattern()`);
    await q.query(`
      CREATE TRIGGER known_good_patterns_changed AFTER UPDATE ON known_good_patterns FOR EACH ROW
      WHEN ((to_jsonb(OLD) - ${TENANT_BOOKKEEPING}) IS DISTINCT FROM (to_jsonb(NEW) - ${TENANT_BOOKKEEPING}))
      EXECUTE FUNCTION sieve_tenant_pattern_set_changed()`);
    await q.query(`
      CREATE TRIGGER known_good_patterns_deleted AFTER DELETE ON known_good_patterns
      FOR EACH ROW EXECUTE FUNCTION sieve_tenant_pattern_set_changed()`);

    // Global patterns: no tenant column at all. Readable in any tenant, analyst or platform context;
    // written only in platform scope (the pooling job, platform administration).
    const anyContext = `(sieve_current_tenant() IS NOT NULL
      OR coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}') <> '{}'
      OR sieve_platform_scope())`;
    await q.query(`
      CREATE TABLE global_pattern_set_version (
        singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT global_pattern_set_version_singleton_check CHECK (singleton),
        version bigint NOT NULL DEFAULT 0,
        last_seq integer NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO global_pattern_set_version DEFAULT VALUES`);
    await q.query(`
      CREATE TABLE global_known_good_patterns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq integer NOT NULL,
        name text NOT NULL CONSTRAINT global_known_good_patterns_name_check CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        finding_type text NOT NULL,
        predicates jsonb NOT NULL,
        status text NOT NULL CONSTRAINT global_known_good_patterns_status_check CHECK (status IN ('PROPOSED', 'ACTIVE', 'RETIRED')),
        allow_critical boolean NOT NULL DEFAULT false,
        confidence real NOT NULL DEFAULT 1 CONSTRAINT global_known_good_patterns_confidence_check CHECK (confidence BETWEEN 0 AND 1),
        support jsonb,
        tenant_support integer NOT NULL DEFAULT 0 CONSTRAINT global_known_good_patterns_tenant_support_check CHECK (tenant_support >= 0),
        expires_at timestamptz,
        drift_marked_at timestamptz,
        activated_at timestamptz,
        retired_at timestamptz,
        retired_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX global_known_good_patterns_match_idx ON global_known_good_patterns (finding_type) WHERE status = 'ACTIVE'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX global_known_good_patterns_seq_key ON global_known_good_patterns (seq)`,
    );
    for (const table of ['global_known_good_patterns', 'global_pattern_set_version']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING ${anyContext}`);
      await q.query(`
        CREATE POLICY ${table}_write ON ${table} FOR ALL
        USING (sieve_platform_scope()) WITH CHECK (sieve_platform_scope())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON global_known_good_patterns TO sieve_app`);
    await q.query(`GRANT SELECT, UPDATE ON global_pattern_set_version TO sieve_app`);
    await q.query(`
      CREATE FUNCTION sieve_number_global_pattern() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE global_pattern_set_version
          SET version = version + 1, last_seq = last_seq + 1, changed_at = now()
          RETURNING last_seq INTO NEW.seq;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION sieve_global_pattern_set_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE global_pattern_set_version SET version = version + 1, changed_at = now();
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER global_known_good_patterns_numbered BEFORE INSERT ON global_known_good_patterns
      FOR EACH ROW EXECUTE FUNCTION sieve_number_global_pattern()`);
    await q.query(`
      CREATE TRIGGER global_known_good_patterns_changed AFTER UPDATE ON global_known_good_patterns FOR EACH ROW
      WHEN ((to_jsonb(OLD) - ${GLOBAL_BOOKKEEPING}) IS DISTINCT FROM (to_jsonb(NEW) - ${GLOBAL_BOOKKEEPING}))
      EXECUTE FUNCTION sieve_global_pattern_set_changed()`);
    await q.query(`
      CREATE TRIGGER global_known_good_patterns_deleted AFTER DELETE ON global_known_good_patterns
      FOR EACH ROW EXECUTE FUNCTION sieve_global_pattern_set_changed()`);

    // A tenant's hits on global patterns, on the tenant's side; the pooling job reads them all.
    await q.query(`
      CREATE TABLE global_pattern_hits (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        pattern_id uuid NOT NULL REFERENCES global_known_good_patterns(id) ON DELETE CASCADE,
        hits bigint NOT NULL DEFAULT 0,
        last_hit_at timestamptz,
        PRIMARY KEY (tenant_id, pattern_id)
      )`);
    await enableTenantRls(q, 'global_pattern_hits', { platformReads: true });
    await q.query(`GRANT SELECT, INSERT, UPDATE ON global_pattern_hits TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS global_pattern_hits`);
    await q.query(`DROP TABLE IF EXISTS global_known_good_patterns`);
    await q.query(`DROP TABLE IF EXISTS global_pattern_set_version`);
    await q.query(
      `DROP FUNCTION IF EXISTS sieve_number_global_pattern(), sieve_global_pattern_set_changed()`,
    );
    await q.query(`DROP TRIGGER IF EXISTS known_good_patterns_numbered ON known_good_patterns`);
    await q.query(`DROP TRIGGER IF EXISTS known_good_patterns_changed ON known_good_patterns`);
    await q.query(`DROP TRIGGER IF EXISTS known_good_patterns_deleted ON known_good_patterns`);
    await q.query(
      `DROP FUNCTION IF EXISTS sieve_number_tenant_pattern(), sieve_tenant_pattern_set_changed()`,
    );
    await q.query(`REVOKE DELETE ON known_good_patterns FROM sieve_app`);
    await q.query(`DROP INDEX IF EXISTS known_good_patterns_tenant_created_idx`);
    await q.query(`DROP INDEX IF EXISTS known_good_patterns_tenant_seq_key`);
    await q.query(`
      ALTER TABLE known_good_patterns
        DROP COLUMN seq, DROP COLUMN confidence, DROP COLUMN support, DROP COLUMN source_case_id,
        DROP COLUMN source_analyst_id, DROP COLUMN drift_marked_at, DROP COLUMN activated_at,
        DROP COLUMN retired_at, DROP COLUMN retired_reason, DROP COLUMN updated_at`);
    await q.query(`DROP TABLE IF EXISTS pattern_set_versions`);
  }
}
