import type { QueryRunner } from 'typeorm';

/**
 * The standard policy set of a tenant-owned table: rows are visible to their tenant (and, read-only, to
 * an MSSP analyst's audited cross-tenant context); rows are written only for the tenant of the unit of
 * work. FORCE makes the table owner obey the policies too.
 *
 * Once `sieve_tenant_ids()` exists (RlsInitPlans migration), the session's settings are read through
 * sub-selects, which PostgreSQL evaluates once per statement (init plans) rather than once per row; that
 * migration rewrote the policies of the tables created before it, whose migrations still run this helper
 * before the function exists.
 */
export async function enableTenantRls(
  q: QueryRunner,
  table: string,
  opts: { platformReads?: boolean } = {},
): Promise<void> {
  const [{ initPlans }] = (await q.query(
    `SELECT to_regprocedure('sieve_tenant_ids()') IS NOT NULL AS "initPlans"`,
  )) as { initPlans: boolean }[];
  const platform = opts.platformReads
    ? initPlans
      ? ' OR (SELECT sieve_platform_scope())'
      : ' OR sieve_platform_scope()'
    : '';
  const current = initPlans ? '(SELECT sieve_current_tenant())' : 'sieve_current_tenant()';
  const readable = initPlans
    ? `(tenant_id = ${current} OR tenant_id = ANY ((SELECT sieve_tenant_ids())::uuid[]))`
    : 'sieve_tenant_readable(tenant_id)';
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (${readable}${platform})`);
  await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (tenant_id = ${current})`);
  await q.query(
    `CREATE POLICY ${table}_update ON ${table} FOR UPDATE
     USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
  );
  await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (tenant_id = ${current})`);
}
