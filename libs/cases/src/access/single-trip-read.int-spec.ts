import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { ClockModule, ConfigModule, DatabaseModule, SqlStatementCounter } from '@sieve/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SingleTripRead } from './single-trip-read.js';

/**
 * One message, one implicit transaction: the row-level security context holds for the query, the audit
 * row of an analyst's read commits with it or not at all, and the connection is clean afterwards.
 */
describe('SingleTripRead (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let read: SingleTripRead;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const actorId = randomUUID();
  const everyCase = {
    text: `SELECT tenant_id, title FROM cases WHERE title LIKE $1 ORDER BY title`,
    values: [],
  };

  const audits = async () =>
    (
      await owner.query<{ details: { purpose: string; tenantIds: string[] } }>(
        `SELECT details FROM audit_log WHERE actor_id = $1 AND action = 'analyst.cross_tenant_read'`,
        [actorId],
      )
    ).rows;

  beforeAll(async () => {
    await owner.connect();
    for (const id of [tenantA, tenantB]) {
      await owner.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
        [id, `trip-${id.slice(0, 8)}`],
      );
      await owner.query(
        `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, sla_state)
         VALUES ($1, 1, $2, 'HIGH', 70, 2, 'ON_TRACK')`,
        [id, `trip ${id}`],
      );
    }
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-trip' }),
      ],
    }).compile();
    await moduleRef.init();
    read = new SingleTripRead(moduleRef.get(DataSource), moduleRef.get(SqlStatementCounter));
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  it("reads an analyst's tenants only, and audits the read with the rows", async () => {
    const rows = await read.rows<{ tenant_id: string }>(
      { kind: 'analyst', actorId, purpose: 'case list', tenantIds: [tenantA] },
      { ...everyCase, values: ['trip %'] },
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([tenantA]);
    expect(await audits()).toEqual([{ details: { purpose: 'case list', tenantIds: [tenantA] } }]);
  });

  it("reads one tenant's rows for a tenant principal, with no audit row", async () => {
    const before = (await audits()).length;
    const rows = await read.rows<{ tenant_id: string }>(
      { kind: 'tenant', tenantId: tenantB },
      { ...everyCase, values: ['trip %'] },
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([tenantB]);
    expect(await audits()).toHaveLength(before);
  });

  it('keeps no audit row of a read that failed, and leaves the connection clean', async () => {
    const before = (await audits()).length;
    await expect(
      read.rows(
        { kind: 'analyst', actorId, purpose: 'broken', tenantIds: [tenantA] },
        {
          text: 'SELECT 1 / (count(*) - count(*)) FROM cases',
          values: [],
        },
      ),
    ).rejects.toThrow(/division by zero/);
    expect(await audits()).toHaveLength(before);
    // Every pooled connection answers outside any transaction, with no tenant context left behind.
    const states = await Promise.all(
      Array.from({ length: 12 }, () =>
        moduleRef
          .get(DataSource)
          .query(
            `SELECT now() = statement_timestamp() AS fresh, current_setting('app.tenant_ids', true) AS ids`,
          ),
      ),
    );
    for (const [state] of states as { fresh: boolean; ids: string | null }[][])
      expect({ fresh: state.fresh, ids: state.ids ?? '' }).toEqual({ fresh: true, ids: '' });
  });
});
