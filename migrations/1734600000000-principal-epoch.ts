import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can alter a principal already built, and the columns that matter. A new user or tenant
 * alters none (a credential that failed is never cached).
 */
const WATCHED: readonly { table: string; events: string }[] = [
  { table: 'users', events: 'UPDATE OR DELETE' },
  { table: 'memberships', events: 'INSERT OR UPDATE OR DELETE' },
  { table: 'analyst_assignments', events: 'INSERT OR UPDATE OR DELETE' },
  { table: 'tenants', events: 'UPDATE OF id OR DELETE' },
  // Not last_used_at: the usage flush writes it all day long and it changes no principal.
  {
    table: 'api_keys',
    events: 'UPDATE OF tenant_id, prefix, key_hash, scopes, expires_at, revoked_at OR DELETE',
  },
];

/**
 * The principal epoch: a counter that moves, in the same transaction, with every change to users,
 * memberships, analyst assignments, tenants and API keys, whoever makes it (the API, the CLI, a psql
 * session). API processes cache the principals they built and check the epoch once per request: a cached
 * principal is used only while the epoch is the one read before it was built.
 *
 * The bump is a deferred constraint trigger, so it runs at commit, after the transaction's own row locks:
 * two concurrent changes queue on the counter row instead of deadlocking on it. It is bumped at most once
 * per transaction. The table holds one number and nothing of any tenant, so it has no row-level security;
 * the application role may only read it (the trigger function runs as the owner).
 */
export class PrincipalEpoch1734600000000 implements MigrationInterface {
  name = 'PrincipalEpoch1734600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE principal_epoch (
        id boolean PRIMARY KEY DEFAULT true CONSTRAINT principal_epoch_single_row_check CHECK (id),
        epoch bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO principal_epoch DEFAULT VALUES`);
    await q.query(`GRANT SELECT ON principal_epoch TO sieve_app`);
    await q.query(`
      CREATE FUNCTION sieve_bump_principal_epoch() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      BEGIN
        IF coalesce(current_setting('sieve.principal_epoch_bumped', true), '') <> 'on' THEN
          UPDATE principal_epoch SET epoch = epoch + 1;
          PERFORM set_config('sieve.principal_epoch_bumped', 'on', true);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION sieve_bump_principal_epoch() FROM PUBLIC`);
    for (const { table, events } of WATCHED) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_principal_epoch AFTER ${events} ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sieve_bump_principal_epoch()`);
      // TRUNCATE fires no row trigger; it takes an exclusive lock anyway, so bumping at once is fine.
      await q.query(`
        CREATE TRIGGER ${table}_principal_epoch_truncate AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION sieve_bump_principal_epoch()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of WATCHED) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_principal_epoch_truncate ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_principal_epoch ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS sieve_bump_principal_epoch()`);
    await q.query(`DROP TABLE IF EXISTS principal_epoch`);
  }
}
