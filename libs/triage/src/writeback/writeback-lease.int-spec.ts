import { randomBytes, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, DatabaseModule, UnitOfWork } from '@sieve/core';
import pg from 'pg';
import { leaseEntries } from './writeback-lease.js';

const MINUTE = 60_000;

/** Leases over the real outbox, as the application role (row-level security applies). */
describe('writeback leases (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let uow: UnitOfWork;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(), DatabaseModule.forRoot({ applicationName: 'writeback-lease-test' })],
    }).compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  /** A tenant with one finding and `n` unsent writeback rows for it; their ids, oldest first. */
  async function outbox(n: number): Promise<{ tenantId: string; ids: string[] }> {
    const tenantId = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'Lease', 'UTC', 'STANDARD')`,
      [tenantId, `lease-${randomBytes(6).toString('hex')}`],
    );
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
         title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources, observables,
         raw, first_seen_at, last_seen_at)
       VALUES ($1, 'p', 'f-1', 'securityhub', '710000000001', 'eu-west-1', 'T', '{T}', 't', 'LOW', 20, now(), now(),
         '[]', '{}', '{}', now(), now()) RETURNING id`,
      [tenantId],
    );
    const inserted = await owner.query<{ id: string }>(
      `INSERT INTO writeback_outbox (tenant_id, finding_id, verdict_at, aws_account_id, region, product_arn,
         provider_finding_id, workflow_status, note)
       SELECT $1, $2, now() - n * interval '1 second', '710000000001', 'eu-west-1', 'p', 'f-1', 'NOTIFIED', 'n'
       FROM generate_series(1, $3::int) AS n ORDER BY n RETURNING id`,
      [tenantId, rows[0].id, n],
    );
    return { tenantId, ids: inserted.rows.map((r) => String(r.id)) };
  }

  const lease = (tenantId: string, now: Date, limit = 10) =>
    uow.withTenant(tenantId, (m) =>
      leaseEntries(m, {
        tenantId,
        token: randomUUID(),
        now,
        until: new Date(now.getTime() + 5 * MINUTE),
        limit,
        maxAttempts: 5,
      }),
    );

  it('hands each row to one flush while its lease lives, and again once it has expired', async () => {
    const { tenantId, ids } = await outbox(3);
    const now = new Date();
    expect((await lease(tenantId, now, 2)).map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect((await lease(tenantId, now)).map((e) => e.id)).toEqual(ids.slice(2));
    expect(await lease(tenantId, new Date(now.getTime() + 4 * MINUTE))).toEqual([]);
    // A flush that died: its rows come back when the lease has run out.
    expect((await lease(tenantId, new Date(now.getTime() + 6 * MINUTE))).map((e) => e.id)).toEqual(ids);
  });

  it('never hands the same row to two flushes claiming at once', async () => {
    const { tenantId, ids } = await outbox(40);
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 8 }, () => lease(tenantId, now, 10)));
    const claimed = claims.flat().map((e) => e.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
  });

  it("leases only the tenant's own rows", async () => {
    const mine = await outbox(1);
    const theirs = await outbox(1);
    const now = new Date();
    expect((await lease(mine.tenantId, now)).map((e) => e.id)).toEqual(mine.ids);
    const { rows } = await owner.query(`SELECT lease_token FROM writeback_outbox WHERE id = $1`, [
      theirs.ids[0],
    ]);
    expect(rows[0].lease_token).toBeNull();
  });

  it('leases rows in place: HOT updates, no new row versions elsewhere nor index entries', async () => {
    // Enough rows to fill whole pages: at the default fill factor a full page has no room for the leased version.
    const { tenantId, ids } = await outbox(200);
    const now = new Date();
    const counts = await uow.withTenant(tenantId, async (m) => {
      // The backend's counts not yet reported to the statistics (earlier transactions' too): the lease's are
      // the difference.
      const read = async () =>
        (
          (await m.query(
            `SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot FROM pg_stat_xact_user_tables
             WHERE relname = 'writeback_outbox'`,
          )) as { updated: number; hot: number }[]
        )[0];
      const before = await read();
      await leaseEntries(m, {
        tenantId,
        token: randomUUID(),
        now,
        until: new Date(now.getTime() + 5 * MINUTE),
        limit: ids.length,
        maxAttempts: 5,
      });
      const after = await read();
      return { updated: after.updated - before.updated, hot: after.hot - before.hot };
    });
    expect(counts).toEqual({ updated: ids.length, hot: ids.length });
  });
});
