import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/**
 * Foundation: the application role, the RLS helper functions, tenants, people, memberships, API keys and
 * the audit log. Runs as the schema owner; the application role owns nothing.
 */
export class Foundation1733300000000 implements MigrationInterface {
  name = 'Foundation1733300000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: several databases (dev, each test run) share one `sieve_app` role, and two
    // test runs may race to create it, hence the exception handler.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sieve_app') THEN
          CREATE ROLE sieve_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(
      `DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO sieve_app', current_database()); END $$`,
    );
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA public TO sieve_app`);

    // Policy helpers. SQL functions marked STABLE are inlined by the planner, so a policy on
    // tenant_id = sieve_current_tenant() still uses the tenant_id index.
    await q.query(`
      CREATE FUNCTION sieve_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
    await q.query(`
      CREATE FUNCTION sieve_tenant_readable(t uuid) RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT t = nullif(current_setting('app.tenant_id', true), '')::uuid
             OR t = ANY (coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[]) $$`);
    await q.query(`
      CREATE FUNCTION sieve_platform_scope() RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$`);

    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone text NOT NULL,
        contract_tier text NOT NULL CHECK (contract_tier IN ('ESSENTIAL', 'STANDARD', 'PREMIUM')),
        pool_contribute boolean NOT NULL DEFAULT false,
        pool_consume boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenants_read ON tenants FOR SELECT
      USING (sieve_tenant_readable(id) OR sieve_platform_scope())`);
    await q.query(`CREATE POLICY tenants_insert ON tenants FOR INSERT WITH CHECK (sieve_platform_scope())`);
    await q.query(`
      CREATE POLICY tenants_update ON tenants FOR UPDATE
      USING (id = sieve_current_tenant() OR sieve_platform_scope())
      WITH CHECK (id = sieve_current_tenant() OR sieve_platform_scope())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON tenants TO sieve_app`);

    // People are global: one person may belong to several tenants. What a tenant may see of them is
    // reached through its memberships.
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        platform_role text CHECK (platform_role IN ('PLATFORM_ADMIN', 'MSSP_ANALYST')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON users TO sieve_app`);

    await q.query(`
      CREATE TABLE memberships (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('TENANT_ADMIN', 'TENANT_ANALYST', 'TENANT_VIEWER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      )`);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);
    await enableTenantRls(q, 'memberships');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO sieve_app`);

    await q.query(`
      CREATE TABLE analyst_assignments (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        assigned_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, tenant_id)
      )`);
    await q.query(`CREATE INDEX analyst_assignments_tenant_idx ON analyst_assignments (tenant_id)`);
    await q.query(`ALTER TABLE analyst_assignments ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY analyst_assignments_read ON analyst_assignments FOR SELECT
      USING (sieve_tenant_readable(tenant_id) OR sieve_platform_scope())`);
    await q.query(`
      CREATE POLICY analyst_assignments_write ON analyst_assignments FOR ALL
      USING (sieve_platform_scope()) WITH CHECK (sieve_platform_scope())`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON analyst_assignments TO sieve_app`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL UNIQUE,
        key_hash bytea NOT NULL,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['ingest', 'read', 'write', 'admin'] AND cardinality(scopes) > 0),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by text
      )`);
    await q.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at DESC)`);
    await enableTenantRls(q, 'api_keys', { platformReads: true });
    await q.query(`GRANT SELECT, INSERT, UPDATE ON api_keys TO sieve_app`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        -- No foreign key: the record of what happened outlives a deleted tenant.
        tenant_id uuid,
        actor_type text NOT NULL,
        actor_id text,
        action text NOT NULL,
        target_type text,
        target_id text,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_tenant_created_idx ON audit_log (tenant_id, created_at)`);
    await q.query(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY audit_log_read ON audit_log FOR SELECT
      USING (sieve_tenant_readable(tenant_id) OR sieve_platform_scope())`);
    // Anyone may append a platform-level entry (tenant_id NULL); tenant entries only for the open tenant.
    await q.query(`
      CREATE POLICY audit_log_append ON audit_log FOR INSERT
      WITH CHECK (tenant_id IS NULL OR tenant_id = sieve_current_tenant())`);
    // Append-only: no UPDATE or DELETE grant, and no policy that would allow them either.
    await q.query(`GRANT SELECT, INSERT ON audit_log TO sieve_app`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'api_keys', 'analyst_assignments', 'memberships', 'users', 'tenants']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(
      `DROP FUNCTION IF EXISTS sieve_platform_scope(), sieve_tenant_readable(uuid), sieve_current_tenant()`,
    );
  }
}
