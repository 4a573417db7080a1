import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appDatabaseUrl, loadConfig } from '@sieve/core';

/** How findings are stored for the pipeline's hot statements, checked on the migrated database. */
describe('findings storage', () => {
  const config = loadConfig();
  const owner = new pg.Client({ connectionString: config.DATABASE_URL });
  const app = new pg.Client({ connectionString: appDatabaseUrl(config) });
  const tenantId = randomUUID();
  const resource = `arn:aws:ec2:us-east-1:510000000009:instance/i-${tenantId.slice(0, 8)}`;

  beforeAll(async () => {
    await owner.connect();
    await app.connect();
    const slug = `storage-${tenantId.slice(0, 8)}`;
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, $2, 'UTC', 'STANDARD')`,
      [tenantId, slug],
    );
    await owner.query(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
         title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
         observables, raw, fingerprint)
       VALUES ($1, 'p', 'f', 'securityhub', '510000000009', 'us-east-1', 't', '{t}', 'x', 'LOW', 10, now(), now(),
         '[]', '{}', '{}', $2)`,
      [tenantId, JSON.stringify({ resourceId: resource, principalKey: '510000000009:role/deploy' })],
    );
    // Enough of the tenant's findings on other resources that a plan has a reason to prefer the key index.
    await owner.query(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
         title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
         observables, raw, fingerprint)
       SELECT $1, 'p', 'f-' || n, 'securityhub', '510000000009', 'us-east-1', 't', '{t}', 'x', 'LOW', 10, now(), now(),
         '[]', '{}', '{}', jsonb_build_object('resourceId', 'arn:aws:ec2:us-east-1:510000000009:instance/i-' || n)
       FROM generate_series(1, 500) AS n`,
      [tenantId],
    );
    await owner.query(`ANALYZE findings`);
  });

  afterAll(async () => {
    await owner.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    await Promise.all([owner.end(), app.end()]);
  });

  it('keeps the resource and principal keys of the fingerprint in generated columns', async () => {
    const { rows } = await owner.query(
      `SELECT resource_key, principal_key FROM findings WHERE tenant_id = $1 AND finding_id = 'f'`,
      [tenantId],
    );
    expect(rows).toEqual([{ resource_key: resource, principal_key: '510000000009:role/deploy' }]);
  });

  it('looks findings up by resource through the key index under row-level security', async () => {
    // Under RLS a condition on `fingerprint->>'resourceId'` is never an index condition (`->>` is not
    // leakproof): retro-correlation then read a tenant's whole window. On the generated column it is one.
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const { rows } = await app.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM findings f WHERE f.tenant_id = $1 AND f.resource_key = ANY($2::text[])`,
        [tenantId, [resource]],
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/findings_resource_key_idx[\s\S]*Index Cond: .*resource_key = ANY/);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('compresses the JSON columns with LZ4 when the server has it', async () => {
    const { rows: setting } = await owner.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const { rows } = await owner.query<{ attname: string; attcompression: string }>(
      `SELECT attname, attcompression FROM pg_attribute
       WHERE attrelid = 'findings'::regclass AND attname IN ('raw', 'resources', 'observables', 'enrichment', 'fingerprint')
       ORDER BY attname`,
    );
    const expected = setting[0].lz4 ? 'l' : '';
    expect(rows.map((r) => [r.attname, r.attcompression])).toEqual(
      ['enrichment', 'fingerprint', 'observables', 'raw', 'resources'].map((c) => [c, expected]),
    );
  });
});
