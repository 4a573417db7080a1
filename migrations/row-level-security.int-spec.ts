import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appDatabaseUrl, loadConfig } from '@sieve/core';

/**
 * The database itself enforces tenant isolation for the application role, whatever the code does.
 * Rows are written as the owner (a superuser in tests), then read through `sieve_app`.
 */
describe('row-level security', () => {
  const config = loadConfig();
  const owner = new pg.Client({ connectionString: config.DATABASE_URL });
  const app = new pg.Client({ connectionString: appDatabaseUrl(config) });
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let tenantTables: string[];

  beforeAll(async () => {
    await owner.connect();
    await app.connect();
    await owner.query(
      `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, created_by)
       VALUES ('g', 't', '[]', 'ACTIVE', 'test')`,
    );
    for (const [id, slug] of [
      [tenantA, `rls-a-${tenantA.slice(0, 8)}`],
      [tenantB, `rls-b-${tenantB.slice(0, 8)}`],
    ]) {
      await owner.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, $2, 'UTC', 'STANDARD')`,
        [id, slug],
      );
      const user = await owner.query<{ id: string }>(
        `INSERT INTO users (email, display_name) VALUES ($1, 'x') RETURNING id`,
        [`${slug}@example.com`],
      );
      await owner.query(
        `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'TENANT_ADMIN')`,
        [id, user.rows[0].id],
      );
      await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
        user.rows[0].id,
        id,
      ]);
      await owner.query(
        `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, scopes, created_by)
         VALUES ($1, 'k', $2, '\\x00', '{read}', 'test')`,
        [id, randomUUID().replace(/-/g, '').slice(0, 12)],
      );
      await owner.query(
        `INSERT INTO audit_log (tenant_id, actor_type, action) VALUES ($1, 'system', 'test')`,
        [id],
      );
      await owner.query(`INSERT INTO aws_external_ids (tenant_id, external_id) VALUES ($1, $2)`, [
        id,
        `x-${id}`,
      ]);
      await owner.query(
        `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
         VALUES ($1, $2, 'arn:aws:iam::000000000000:role/r', '{us-east-1}', 'x', 'ACTIVE', 'test')`,
        [id, id === tenantA ? '000000000001' : '000000000002'],
      );
      await owner.query(
        `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
           title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
           observables, raw)
         VALUES ($1, 'p', 'f', 'securityhub', '000000000001', 'us-east-1', 't', '{t}', 'x', 'LOW', 10, now(), now(),
           '[]', '{}', '{}')`,
        [id],
      );
      await owner.query(
        `INSERT INTO writeback_outbox (tenant_id, finding_id, verdict_at, aws_account_id, region, product_arn,
           provider_finding_id, workflow_status, note)
         SELECT $1, id, now(), '000000000001', 'us-east-1', 'p', 'f', 'NOTIFIED', 'n' FROM findings WHERE tenant_id = $1`,
        [id],
      );
      await owner.query(
        `INSERT INTO finding_poll_cursors (tenant_id, aws_account_id, region) VALUES ($1, '000000000001', 'us-east-1')`,
        [id],
      );
      await owner.query(
        `INSERT INTO known_good_patterns (tenant_id, name, finding_type, predicates, status, created_by)
         VALUES ($1, 'p', 't', '[]', 'ACTIVE', 'test')`,
        [id],
      );
      // The pattern's insert trigger also wrote the tenant's pattern_set_versions row.
      await owner.query(
        `INSERT INTO global_pattern_hits (tenant_id, pattern_id, hits)
         SELECT $1, id, 1 FROM global_known_good_patterns ORDER BY seq LIMIT 1`,
        [id],
      );
      await owner.query(
        `INSERT INTO pattern_learning_policies (tenant_id, activation, backtest_days, updated_by, updated_at)
         VALUES ($1, 'REQUIRE_APPROVAL', 30, 'test', now())`,
        [id],
      );
      await owner.query(
        `INSERT INTO pattern_proposals (pattern_id, tenant_id, case_id, case_key, disposition, finding_count)
         SELECT id, $1, gen_random_uuid(), 'RLS-1', 'BENIGN_EXPECTED', 1 FROM known_good_patterns WHERE tenant_id = $1`,
        [id],
      );
      await owner.query(
        `INSERT INTO true_positive_findings (case_id, finding_id, tenant_id, finding_type, marked_at)
         SELECT gen_random_uuid(), id, $1, 't', now() FROM findings WHERE tenant_id = $1`,
        [id],
      );
      const endpoint = await owner.query<{ id: string }>(
        `INSERT INTO webhook_endpoints (tenant_id, url, event_types, secret, created_by)
         VALUES ($1, 'https://hooks.example/x', '{case.created}', 'whsec_AAAA', 'test') RETURNING id`,
        [id],
      );
      await owner.query(
        `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at)
         VALUES ($1, $2, 'msg_x', 'case.created', '{}', now())`,
        [id, endpoint.rows[0].id],
      );
      await owner.query(`INSERT INTO case_counters (tenant_id, last_number) VALUES ($1, 1)`, [id]);
      const kase = await owner.query<{ id: string }>(
        `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority)
         VALUES ($1, 1, 'c', 'LOW', 10, 4) RETURNING id`,
        [id],
      );
      const caseId = kase.rows[0].id;
      await owner.query(
        `INSERT INTO case_findings (case_id, finding_id, tenant_id, reason)
         SELECT $2, id, $1, 'raised' FROM findings WHERE tenant_id = $1`,
        [id, caseId],
      );
      await owner.query(
        `INSERT INTO case_events (tenant_id, case_id, type, actor_type, at) VALUES ($1, $2, 'CREATED', 'SYSTEM', now())`,
        [id, caseId],
      );
      await owner.query(
        `INSERT INTO case_observables (tenant_id, case_id, type, value, source) VALUES ($1, $2, 'IP', '192.0.2.1', 'MANUAL')`,
        [id, caseId],
      );
      await owner.query(
        `INSERT INTO case_comments (tenant_id, case_id, author_type, body) VALUES ($1, $2, 'SYSTEM', 'b')`,
        [id, caseId],
      );
      await owner.query(`INSERT INTO case_tasks (tenant_id, case_id, title) VALUES ($1, $2, 't')`, [
        id,
        caseId,
      ]);
      await owner.query(`INSERT INTO case_watchers (case_id, user_id, tenant_id) VALUES ($1, $2, $3)`, [
        caseId,
        user.rows[0].id,
        id,
      ]);
      await owner.query(
        `INSERT INTO sla_policies (tenant_id, severity_label, ack_minutes, resolve_minutes, updated_by, updated_at)
         VALUES ($1, 'LOW', 60, 120, 'test', now())`,
        [id],
      );
      await owner.query(
        `INSERT INTO sla_calendars (tenant_id, mode, weekly_hours, holidays, updated_by, updated_at)
         VALUES ($1, 'ALWAYS', '[]', '{}', 'test', now())`,
        [id],
      );
      await owner.query(
        `INSERT INTO case_sla_clocks (case_id, clock, cycle, tenant_id, severity_label, budget_minutes, started_at,
           updated_at)
         VALUES ($1, 'ACK', 0, $2, 'LOW', 60, now(), now())`,
        [caseId, id],
      );
    }
    const tables = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    tenantTables = tables.rows.map((r) => r.table_name);
  });

  afterAll(async () => {
    await app.end();
    await owner.end();
  });

  it('is enabled and forced on the tenants table and every table with a tenant_id', async () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(['analyst_assignments', 'api_keys', 'audit_log', 'memberships']),
    );
    const flags = await owner.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`,
      [[...tenantTables, 'tenants']],
    );
    expect(flags.rows).toHaveLength(tenantTables.length + 1);
    for (const row of flags.rows) {
      expect({ table: row.relname, enabled: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
      });
    }
  });

  it('shows the application role zero rows of every tenant table when no tenant is set', async () => {
    for (const table of [...tenantTables, 'tenants']) {
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
    }
  });

  it("shows a tenant's unit of work its own rows and none of another tenant's", async () => {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      // Every tenant table is seeded above for both tenants: a new table must be added there.
      for (const table of tenantTables) {
        const { rows } = await app.query(`SELECT DISTINCT tenant_id FROM ${table}`);
        expect({ table, tenants: rows.map((r) => r.tenant_id) }).toEqual({ table, tenants: [tenantA] });
      }
      const foreign = await app.query(`SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1`, [
        tenantB,
      ]);
      expect(foreign.rows[0].n).toBe(0);
      await expect(
        app.query(`INSERT INTO audit_log (tenant_id, actor_type, action) VALUES ($1, 'system', 'forged')`, [
          tenantB,
        ]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('lets an analyst context read its listed tenants but write none of them', async () => {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_ids', $1, true)`, [`{${tenantA}}`]);
      const { rows } = await app.query(`SELECT DISTINCT tenant_id FROM memberships`);
      expect(rows.map((r) => r.tenant_id)).toEqual([tenantA]);
      await expect(
        app.query(`UPDATE memberships SET role = 'TENANT_VIEWER' WHERE tenant_id = $1 RETURNING 1`, [
          tenantA,
        ]),
      ).resolves.toMatchObject({ rowCount: 0 });
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it.each([
    ['disable row-level security', 'ALTER TABLE memberships DISABLE ROW LEVEL SECURITY', /must be owner/],
    ['stop forcing it', 'ALTER TABLE api_keys NO FORCE ROW LEVEL SECURITY', /must be owner/],
    ['alter a table', 'ALTER TABLE tenants ADD COLUMN x int', /must be owner/],
    ['drop a policy', 'DROP POLICY memberships_read ON memberships', /must be owner/],
    ['create a table', 'CREATE TABLE sneaky (id int)', /permission denied/],
    ['update the audit log', `UPDATE audit_log SET action = 'rewritten'`, /permission denied/],
    ['delete from the audit log', 'DELETE FROM audit_log', /permission denied/],
    ['truncate the audit log', 'TRUNCATE audit_log', /permission denied/],
    [
      'bypass row-level security',
      'SET row_security = off; SELECT count(*) FROM memberships',
      /row-level security/,
    ],
  ])('refuses the application role to %s', async (_what, sql, error) => {
    await expect(app.query(sql)).rejects.toThrow(error);
  });

  it('gives the application role no superuser, BYPASSRLS or ownership', async () => {
    const role = await owner.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'sieve_app'`,
    );
    expect(role.rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
    const owned = await owner.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'sieve_app'`,
    );
    expect(owned.rows[0].n).toBe(0);
  });
});
