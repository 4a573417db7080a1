import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewrites every policy of the public schema with `rewrite` (SQL over the deparsed `e`). */
async function rewritePolicies(q: QueryRunner, rewrite: string): Promise<void> {
  await q.query(`
    DO $$
    DECLARE p record; rewritten_qual text; rewritten_check text;
    BEGIN
      FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = 'public' LOOP
        rewritten_qual := (SELECT ${rewrite} FROM (SELECT p.qual AS e) x);
        rewritten_check := (SELECT ${rewrite} FROM (SELECT p.with_check AS e) x);
        IF rewritten_qual IS DISTINCT FROM p.qual OR rewritten_check IS DISTINCT FROM p.with_check THEN
          EXECUTE format('ALTER POLICY %I ON %I', p.policyname, p.tablename)
            || CASE WHEN rewritten_qual IS NULL THEN '' ELSE format(' USING (%s)', rewritten_qual) END
            || CASE WHEN rewritten_check IS NULL THEN '' ELSE format(' WITH CHECK (%s)', rewritten_check) END;
        END IF;
      END LOOP;
    END $$`);
}

/**
 * The tenant policies read the session's tenant settings once per statement, not once per row. Inlined into
 * each policy, `sieve_tenant_readable(tenant_id)` parsed `app.tenant_ids` into a uuid[] for every row a
 * query looked at: an MSSP analyst's queue page (20 tenants, ~250 rows visited) spent ~1.3 of its ~1.8 ms in
 * PostgreSQL on that. Written into the policies as sub-selects, the settings become init plans: evaluated
 * once, and still index conditions on tenant_id. (Sub-selects inside the helper functions would not do: a
 * SQL function with a sub-select is no longer inlined, and the policy becomes a per-row call.)
 */
export class RlsInitPlans1734820000000 implements MigrationInterface {
  name = 'RlsInitPlans1734820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sieve_tenant_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
      $$ SELECT coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[] $$`);
    // sieve_current_tenant() first: the readable form below brings its own sub-select of it.
    await rewritePolicies(
      q,
      `regexp_replace(
         regexp_replace(
           regexp_replace(e, 'sieve_current_tenant\\(\\)', '(SELECT sieve_current_tenant())', 'g'),
           'sieve_platform_scope\\(\\)', '(SELECT sieve_platform_scope())', 'g'),
         'sieve_tenant_readable\\((\\w+)\\)',
         '(\\1 = (SELECT sieve_current_tenant()) OR \\1 = ANY ((SELECT sieve_tenant_ids())::uuid[]))', 'g')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await rewritePolicies(
      q,
      `replace(replace(
         regexp_replace(e,
           '\\((\\w+) = \\(SELECT sieve_current_tenant\\(\\) AS sieve_current_tenant\\)\\) OR \\(\\1 = ANY \\(\\(SELECT sieve_tenant_ids\\(\\) AS sieve_tenant_ids\\)\\)\\)\\)',
           'sieve_tenant_readable(\\1)', 'g'),
         '(SELECT sieve_current_tenant() AS sieve_current_tenant)', 'sieve_current_tenant()'),
         '(SELECT sieve_platform_scope() AS sieve_platform_scope)', 'sieve_platform_scope()')`,
    );
    await q.query(`DROP FUNCTION sieve_tenant_ids()`);
  }
}
