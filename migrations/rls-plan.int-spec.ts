import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appDatabaseUrl, loadConfig } from '@sieve/core';

/** What the tenant policies cost a query, read from its plan as the application role. */
describe('row-level security plans', () => {
  const config = loadConfig();
  const app = new pg.Client({ connectionString: appDatabaseUrl(config) });
  const tenantIds = Array.from({ length: 20 }, () => randomUUID());

  beforeAll(() => app.connect());
  afterAll(() => app.end());

  async function plan(sql: string, settings: Record<string, string>): Promise<string> {
    await app.query('BEGIN');
    try {
      for (const [name, value] of Object.entries(settings))
        await app.query(`SELECT set_config($1, $2, true)`, [name, value]);
      await app.query(`SET LOCAL enable_seqscan = off`);
      const { rows } = await app.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE) ${sql}`);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await app.query('ROLLBACK');
    }
  }

  /** The plan's per-row conditions: filters and index conditions. */
  const perRow = (text: string) => text.split('\n').filter((l) => /Filter:|Index Cond:/.test(l));

  it("reads an analyst's tenant list once per statement, not once per row", async () => {
    const text = await plan(`SELECT id FROM cases`, { 'app.tenant_ids': `{${tenantIds.join(',')}}` });
    expect(text).toMatch(/InitPlan/);
    expect(perRow(text).length).toBeGreaterThan(0);
    for (const line of perRow(text)) expect(line).not.toMatch(/current_setting|sieve_tenant_readable/);
    expect(text).toMatch(/tenant_id = ANY \(\$\d+\)/);
  });

  it("reads the tenant's id once per statement, and bounds the index scan with it", async () => {
    const text = await plan(`SELECT id FROM findings`, { 'app.tenant_id': tenantIds[0] });
    expect(text).toMatch(/InitPlan/);
    for (const line of perRow(text)) expect(line).not.toMatch(/current_setting|sieve_tenant_readable/);
    expect(text).toMatch(/Index Cond: .*tenant_id = \$/);
  });

  it('writes with the tenant id read once per statement', async () => {
    const text = await plan(`UPDATE findings SET title = 'x' WHERE finding_id = 'none'`, {
      'app.tenant_id': tenantIds[0],
    });
    expect(text).toMatch(/InitPlan/);
    for (const line of perRow(text)) expect(line).not.toMatch(/current_setting/);
  });
});
