import { appDatabaseUrl, loadConfig } from '@sieve/core';
import pg from 'pg';
import { ownerClient, seedTenant } from '../testing/knowledge-test-context.js';

type Context = { tenant?: string; analystOf?: string[]; platform?: boolean };

/**
 * The database enforces who sees and writes which patterns, for the application role, whatever the code
 * does: tenant patterns per tenant; global patterns readable from every context and written only in
 * platform scope; version rows and numbering maintained by triggers in the writer's transaction.
 */
describe('known-good pattern tables under row-level security', () => {
  const owner = ownerClient();
  const app = new pg.Client({ connectionString: appDatabaseUrl(loadConfig()) });
  let tenantA: string;
  let tenantB: string;
  let globalId: string;

  /** Runs `sql` as the application role in a transaction with the given context, rolled back after. */
  async function as<T = Record<string, unknown>>(ctx: Context, sql: string, params: unknown[] = []) {
    await app.query('BEGIN');
    try {
      await app.query(
        `SELECT set_config('app.tenant_id', $1, true), set_config('app.tenant_ids', $2, true),
                set_config('app.platform', $3, true)`,
        [ctx.tenant ?? '', `{${(ctx.analystOf ?? []).join(',')}}`, ctx.platform ? 'on' : 'off'],
      );
      return (await app.query(sql, params)) as pg.QueryResult<T & pg.QueryResultRow>;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  /** Runs `sql` as the application role in a committed transaction of one tenant. */
  async function commitAs(tenant: string, sql: string, params: unknown[] = []) {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
    const result = await app.query(sql, params);
    await app.query('COMMIT');
    return result;
  }

  const insertTenantPattern = `INSERT INTO known_good_patterns (tenant_id, name, finding_type, predicates, status, created_by)
    VALUES ($1, 'p', 't', '[{"feature": "domain", "op": "present"}]', 'ACTIVE', 'test') RETURNING id, seq`;
  const version = async (tenant: string) =>
    Number(
      (await owner.query(`SELECT version FROM pattern_set_versions WHERE tenant_id = $1`, [tenant])).rows[0]
        ?.version ?? 0,
    );

  beforeAll(async () => {
    await owner.connect();
    await app.connect();
    tenantA = await seedTenant(owner);
    tenantB = await seedTenant(owner);
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, created_by)
       VALUES ('g', 't', '[{"feature": "domain", "op": "present"}]', 'ACTIVE', 'test') RETURNING id`,
    );
    globalId = rows[0].id;
  });

  afterAll(async () => {
    await app.end();
    await owner.end();
  });

  it.each<[string, () => Context]>([
    ['a tenant', () => ({ tenant: tenantA })],
    ["an MSSP analyst's cross-tenant read", () => ({ analystOf: [tenantA, tenantB] })],
    ['platform scope', () => ({ platform: true })],
  ])('lets %s read global patterns and the global version', async (_who, context) => {
    const patterns = await as(context(), `SELECT id FROM global_known_good_patterns WHERE id = $1`, [
      globalId,
    ]);
    expect(patterns.rows).toEqual([{ id: globalId }]);
    expect((await as(context(), `SELECT version FROM global_pattern_set_version`)).rowCount).toBe(1);
  });

  it('shows no global pattern to a transaction without any context', async () => {
    expect((await as({}, `SELECT id FROM global_known_good_patterns`)).rowCount).toBe(0);
  });

  it('refuses a tenant any write to the global set', async () => {
    await expect(
      as(
        { tenant: tenantA },
        `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, created_by)
         VALUES ('forged', 't', '[]', 'ACTIVE', 'tenant')`,
      ),
    ).rejects.toThrow(/row-level security/);
    const retire = await as(
      { tenant: tenantA },
      `UPDATE global_known_good_patterns SET status = 'RETIRED' WHERE id = $1`,
      [globalId],
    );
    expect(retire.rowCount).toBe(0);
    const bump = await as({ tenant: tenantA }, `UPDATE global_pattern_set_version SET version = version + 1`);
    expect(bump.rowCount).toBe(0);
    await expect(
      as({ tenant: tenantA }, `DELETE FROM global_known_good_patterns WHERE id = $1`, [globalId]),
    ).rejects.toThrow(/permission denied/);
  });

  it('lets platform scope write the global set, numbering it and bumping its version', async () => {
    const globalVersion = async (client: pg.Client) =>
      Number((await client.query(`SELECT version FROM global_pattern_set_version`)).rows[0].version);
    const before = await globalVersion(owner);
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.platform', 'on', true)`);
      const { rows } = await app.query(
        `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, created_by)
         VALUES ('pooled', 't', '[]', 'ACTIVE', 'pooling') RETURNING seq`,
      );
      expect(rows[0].seq).toBeGreaterThan(1);
      expect(await globalVersion(app)).toBe(before + 1);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it("keeps a tenant's patterns, hits and versions to that tenant", async () => {
    await commitAs(tenantA, insertTenantPattern, [tenantA]);
    await commitAs(tenantB, insertTenantPattern, [tenantB]);
    for (const table of ['known_good_patterns', 'pattern_set_versions']) {
      const seen = await as({ tenant: tenantA }, `SELECT DISTINCT tenant_id FROM ${table}`);
      expect({ table, tenants: seen.rows.map((r) => r.tenant_id) }).toEqual({ table, tenants: [tenantA] });
    }
    await expect(as({ tenant: tenantA }, insertTenantPattern, [tenantB])).rejects.toThrow(
      /row-level security/,
    );
    await expect(
      as(
        { tenant: tenantA },
        `INSERT INTO global_pattern_hits (tenant_id, pattern_id, hits) VALUES ($1, $2, 1)`,
        [tenantB, globalId],
      ),
    ).rejects.toThrow(/row-level security/);
    const platform = await as({ platform: true }, `SELECT count(*)::int AS n FROM known_good_patterns`);
    expect(platform.rows[0].n).toBe(0);
  });

  it('numbers patterns per tenant and bumps the version on a definition change, not on hit counts', async () => {
    const tenant = await seedTenant(owner);
    const first = (await commitAs(tenant, insertTenantPattern, [tenant])).rows[0];
    const second = (await commitAs(tenant, insertTenantPattern, [tenant])).rows[0];
    expect([first.seq, second.seq]).toEqual([1, 2]);
    const afterInserts = await version(tenant);
    expect(afterInserts).toBe(2);

    await commitAs(
      tenant,
      `UPDATE known_good_patterns SET hits = hits + 5, last_hit_at = now() WHERE id = $1`,
      [first.id],
    );
    expect(await version(tenant)).toBe(afterInserts);

    await commitAs(tenant, `UPDATE known_good_patterns SET status = 'RETIRED' WHERE id = $1`, [first.id]);
    expect(await version(tenant)).toBe(afterInserts + 1);
    await commitAs(tenant, `DELETE FROM known_good_patterns WHERE id = $1`, [second.id]);
    expect(await version(tenant)).toBe(afterInserts + 2);
  });
});
