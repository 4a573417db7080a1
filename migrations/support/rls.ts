import type { QueryRunner } from 'typeorm';

/**
 * The standard policy set of a tenant-owned table: rows are visible to their tenant (and, read-only, to
 * an MSSP analyst's audited cross-tenant context); rows are written only for the tenant of the unit of
 * work. FORCE makes the table owner obey the policies too.
 */
export async function enableTenantRls(
  q: QueryRunner,
  table: string,
  opts: { platformReads?: boolean } = {},
): Promise<void> {
  const platform = opts.platformReads ? ' OR sieve_platform_scope()' : '';
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await q.query(
    `CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (sieve_tenant_readable(tenant_id)${platform})`,
  );
  await q.query(
    `CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (tenant_id = sieve_current_tenant())`,
  );
  await q.query(
    `CREATE POLICY ${table}_update ON ${table} FOR UPDATE
     USING (tenant_id = sieve_current_tenant()) WITH CHECK (tenant_id = sieve_current_tenant())`,
  );
  await q.query(
    `CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (tenant_id = sieve_current_tenant())`,
  );
}
