import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type SeededTenant, createTestApp, seedTenant } from '../harness/test-app.js';

/** `POST /ingest/events`, as a customer's EventBridge API destination calls it. */
describe('push ingestion', () => {
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const ACCOUNT_A = '310000000001';
  const ACCOUNT_B = '310000000002';

  /** A connected account, as registration leaves it (registration itself is tested with the emulator). */
  async function connect(tenantId: string, accountId: string): Promise<void> {
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenantId, accountId, `arn:aws:iam::${accountId}:role/SieveIncidentResponse`],
    );
  }

  const push = (key: string, body: unknown, contentType = 'application/json') =>
    request(app.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', key)
      .set('content-type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  const stored = async (tenantId: string): Promise<number> =>
    (await owner.query(`SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1`, [tenantId])).rows[0].n;

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    a = await seedTenant(app, 'push-a');
    b = await seedTenant(app, 'push-b');
    await connect(a.tenant.id, ACCOUNT_A);
    await connect(b.tenant.id, ACCOUNT_B);
  });

  afterAll(async () => {
    await app.close();
    await owner.end();
  });

  it('stores the findings of a Security Hub event before answering 202', async () => {
    const res = await push(
      a.apiKey,
      securityHubEvent(ACCOUNT_A, [asffFinding(ACCOUNT_A, 1), asffFinding(ACCOUNT_A, 2)]),
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, refused: 0, inserted: 2, refusals: [] });
    expect(await stored(a.tenant.id)).toBe(2);
  });

  it('deduplicates a redelivery', async () => {
    const event = securityHubEvent(ACCOUNT_A, [
      asffFinding(ACCOUNT_A, 1, { UpdatedAt: '2026-12-01T00:00:00Z' }),
    ]);
    await push(a.apiKey, event);
    const again = await push(a.apiKey, event);
    expect(again.body).toMatchObject({ accepted: 1, unchanged: 1, inserted: 0 });
  });

  it('accepts the good events of a request and refuses the others, each with its reason', async () => {
    const res = await push(a.apiKey, [
      securityHubEvent(ACCOUNT_A, [
        asffFinding(ACCOUNT_A, 10),
        { ...asffFinding(ACCOUNT_A, 11), Resources: [] },
      ]),
      securityHubEvent('399999999999', [asffFinding('399999999999', 12)]),
      securityHubEvent(ACCOUNT_B, [asffFinding(ACCOUNT_B, 13)]),
      {
        ...securityHubEvent(ACCOUNT_A, []),
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        detail: { state: 'running' },
      },
      securityHubEvent(ACCOUNT_A, [asffFinding(ACCOUNT_A, 14)]),
    ]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, refused: 4 });
    const reasons = res.body.refusals.map((r: { event: number; finding?: number; reason: string }) => [
      r.event,
      r.finding ?? null,
      r.reason,
    ]);
    expect(reasons).toEqual([
      [0, 1, expect.stringMatching(/Resources/)],
      [1, null, 'AWS account 399999999999 is not connected to this tenant'],
      [2, null, `AWS account ${ACCOUNT_B} is not connected to this tenant`],
      [3, null, expect.stringMatching(/detail-type|source/)],
    ]);
    expect(await stored(b.tenant.id)).toBe(0);
  });

  it('refuses a wrong content type, malformed JSON, a body over the limit, and a key without the ingest scope', async () => {
    const event = securityHubEvent(ACCOUNT_A, [asffFinding(ACCOUNT_A, 20)]);
    const wrongType = await push(a.apiKey, JSON.stringify(event), 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const malformed = await push(a.apiKey, '{"detail-type": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('Request body is not valid JSON');

    const huge = await push(
      a.apiKey,
      securityHubEvent(ACCOUNT_A, [asffFinding(ACCOUNT_A, 21, { Description: 'x'.repeat(10_000_000) })]),
    );
    expect(huge.status).toBe(413);

    const adminToken = await request(app.getHttpServer())
      .post('/ingest/events')
      .set('authorization', `Bearer ${a.adminToken}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify(event));
    expect(adminToken.status).toBe(403);
    expect(adminToken.body.error.code).toBe('FORBIDDEN');

    const anonymous = await request(app.getHttpServer())
      .post('/ingest/events')
      .set('content-type', 'application/json')
      .send('{}');
    expect(anonymous.status).toBe(401);
    expect(await stored(a.tenant.id)).toBe(4); // findings 1, 2, 10 and 14
  });
});
