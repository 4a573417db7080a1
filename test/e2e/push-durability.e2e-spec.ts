import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type ApiProcess, startApiProcess } from '../harness/api-process.js';
import { createTestApp, seedTenant } from '../harness/test-app.js';

/**
 * Nothing acknowledged is lost: the API process is killed with SIGKILL the instant it has answered 202,
 * and every finding it acknowledged is in PostgreSQL, waiting for triage.
 */
describe('push durability', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    await owner.connect();
  });

  afterAll(async () => {
    await api?.kill();
    await owner.end();
  });

  it('keeps every acknowledged finding when the API is killed right after each 202', async () => {
    // Tenant, key and account come from an in-process app on the same database.
    const setup = await createTestApp();
    const tenant = await seedTenant(setup, 'durable');
    await setup.close();
    const accountId = '320000000001';
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, 'arn:aws:iam::320000000001:role/Sieve', '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId],
    );

    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      api = await startApiProcess();
      const findings = Array.from({ length: 100 }, () =>
        asffFinding(accountId, 0, {
          Id: `arn:aws:guardduty:us-east-1:${accountId}:detector/d1/finding/${randomUUID()}`,
        }),
      );
      const response = await fetch(`${api.url}/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
        body: JSON.stringify(securityHubEvent(accountId, findings)),
      });
      expect(response.status).toBe(202);
      await api.kill(); // before reading the body: the answer's status is the acknowledgement
      expect(await response.json()).toMatchObject({ accepted: 100, inserted: 100 });
      acknowledged.push(...findings.map((f) => f.Id as string));
    }

    const { rows } = await owner.query(
      `SELECT finding_id, triage_status FROM findings WHERE tenant_id = $1 AND finding_id = ANY($2)`,
      [tenant.tenant.id, acknowledged],
    );
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.triage_status))).toEqual(new Set(['PENDING']));
  }, 120_000);
});
