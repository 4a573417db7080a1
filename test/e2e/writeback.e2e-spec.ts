import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AwsPlatformCredentials } from '@sieve/aws';
import { AppConfigService, loadConfig } from '@sieve/core';
import pg from 'pg';
import request from 'supertest';
import { type RunningAwsEmulator, startAwsEmulator } from '../../apps/aws-emulator/src/index.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { deployCustomerRole } from '../fixtures/customer-role.js';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

/** Verdicts reach the customer's Security Hub: SUPPRESSED with a note naming the pattern, or NOTIFIED. */
describe('writeback to Security Hub', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let emulator: RunningAwsEmulator;
  let api: NestExpressApplication;
  let worker: TestingModule;

  async function connectedTenant(label: string, accountId: string): Promise<SeededTenant> {
    const tenant = await seedTenant(api, label);
    const externalId = `sieve-test-${randomBytes(16).toString('hex')}`;
    await owner.query(`INSERT INTO aws_external_ids (tenant_id, external_id) VALUES ($1, $2)`, [
      tenant.tenant.id,
      externalId,
    ]);
    const roleArn = deployCustomerRole(emulator, accountId, externalId);
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', $4, 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId, roleArn, externalId],
    );
    await owner.query(
      `INSERT INTO known_good_patterns (tenant_id, name, description, finding_type, predicates, status, created_by)
       VALUES ($1, 'Probes of web servers', 'Public web tier', 'Recon:EC2/PortProbeUnprotectedPort',
               '[{"feature": "resourceType", "op": "equals", "value": "AwsEc2Instance"}]', 'ACTIVE', 'test')`,
      [tenant.tenant.id],
    );
    return tenant;
  }

  /** The customer's findings, in their Security Hub and pushed to Sieve by EventBridge. */
  async function pushFindings(tenant: SeededTenant, accountId: string): Promise<Record<string, unknown>[]> {
    const findings = [
      asffFinding(accountId, 1),
      asffFinding(accountId, 2, {
        Resources: [{ Type: 'AwsIamAccessKey', Id: 'AKIAEXAMPLE' }],
        Types: ['TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller'],
        Severity: { Label: 'MEDIUM', Normalized: 50 },
      }),
    ];
    emulator.admin.injectFindings(accountId, 'us-east-1', findings);
    const res = await request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(accountId, findings)));
    expect(res.status).toBe(202);
    return findings;
  }

  beforeAll(async () => {
    await owner.connect();
    emulator = await startAwsEmulator({ port: 0 });
    const config = {
      AWS_ENDPOINT_URL: emulator.url,
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:writeback-${randomBytes(3).toString('hex')}`,
    };
    const credentials = new AwsPlatformCredentials(emulator.userCredentials());
    api = await createTestApp({
      config,
      override: (b) => b.overrideProvider(AwsPlatformCredentials).useValue(credentials),
    });
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .overrideProvider(AwsPlatformCredentials)
      .useValue(credentials)
      .compile();
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await emulator?.close();
    await owner.end();
  });

  it('sets SUPPRESSED with the pattern in a note, and NOTIFIED for raised findings', async () => {
    const accountId = '340000000001';
    const tenant = await connectedTenant('wb', accountId);
    const [probe, raised] = await pushFindings(tenant, accountId);

    const deadline = Date.now() + 20_000;
    let byId = new Map<string, { Workflow?: { Status?: string }; Note?: { Text?: string } }>();
    while (Date.now() < deadline) {
      byId = new Map(
        emulator.admin.listFindings(accountId, 'us-east-1').map((f) => [f.Id as string, f as never]),
      );
      if (
        byId.get(probe.Id as string)?.Workflow?.Status !== 'NEW' &&
        byId.get(raised.Id as string)?.Workflow?.Status !== 'NEW'
      )
        break;
      await sleep(200);
    }
    expect(byId.get(probe.Id as string)).toMatchObject({
      Workflow: { Status: 'SUPPRESSED' },
      Note: {
        Text: expect.stringMatching(/^Sieve: Suppressed by pattern P-\d+ \(tenant\): Probes of web servers/),
      },
    });
    expect(byId.get(raised.Id as string)).toMatchObject({
      Workflow: { Status: 'NOTIFIED' },
      Note: { Text: expect.stringContaining('raised for analyst review (priority 3)') },
    });
    const outbox = await owner.query(
      `SELECT count(*)::int AS n, count(sent_at)::int AS sent FROM writeback_outbox WHERE tenant_id = $1`,
      [tenant.tenant.id],
    );
    expect(outbox.rows[0]).toEqual({ n: 2, sent: 2 });
  }, 40_000);

  it('writes nothing back for a tenant that turned writeback off', async () => {
    const accountId = '340000000002';
    const tenant = await connectedTenant('wb-off', accountId);
    const off = await gql(
      api,
      tenant.adminToken,
      'mutation { updateTenant(input: { writebackEnabled: false }) { writebackEnabled } }',
    );
    expect(off.body.data.updateTenant.writebackEnabled).toBe(false);
    const [probe] = await pushFindings(tenant, accountId);

    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const { rows } = await owner.query(
        `SELECT verdict FROM findings WHERE tenant_id = $1 AND finding_id = $2`,
        [tenant.tenant.id, probe.Id],
      );
      if (rows[0]?.verdict) break;
      await sleep(100);
    }
    await sleep(2_500); // a writeback cycle
    const statuses = emulator.admin
      .listFindings(accountId, 'us-east-1')
      .map((f) => (f as { Workflow?: { Status?: string } }).Workflow?.Status);
    expect(statuses).toEqual(['NEW', 'NEW']);
    const outbox = await owner.query(`SELECT count(*)::int AS n FROM writeback_outbox WHERE tenant_id = $1`, [
      tenant.tenant.id,
    ]);
    expect(outbox.rows[0].n).toBe(0);
  }, 40_000);

  it('holds no transaction open while Security Hub answers slowly, and sends each verdict once', async () => {
    const accountId = '340000000003';
    const tenant = await connectedTenant('wb-slow', accountId);
    emulator.admin.setFaults({
      latencyMs: 1_500,
      operations: ['BatchUpdateFindings'],
      accountIds: [accountId],
    });
    try {
      await pushFindings(tenant, accountId);
      // Until both verdicts are sent, look for a connection sitting in a transaction over the outbox (row
      // locks and a pooled connection held while AWS answers): 300 ms is far above any statement here.
      let heldOpen = 0;
      let sent = 0;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && sent < 2) {
        const { rows } = await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'idle in transaction'
             AND now() - state_change > interval '300 milliseconds' AND query ILIKE '%writeback_outbox%'`,
        );
        heldOpen = Math.max(heldOpen, rows[0].n);
        const outbox = await owner.query<{ sent: number }>(
          `SELECT count(sent_at)::int AS sent FROM writeback_outbox WHERE tenant_id = $1`,
          [tenant.tenant.id],
        );
        sent = outbox.rows[0].sent;
        await sleep(100);
      }
      expect(sent).toBe(2);
      expect(heldOpen).toBe(0);
      // Two groups (suppressed with its note, notified with its own): two requests, however many runs.
      expect(emulator.admin.counters().byAccount[accountId]?.BatchUpdateFindings).toBe(2);
      const { rows: leases } = await owner.query(
        `SELECT count(*)::int AS n FROM writeback_outbox WHERE tenant_id = $1 AND lease_token IS NOT NULL`,
        [tenant.tenant.id],
      );
      expect(leases[0].n).toBe(0);
    } finally {
      emulator.admin.resetFaults();
    }
  }, 60_000);
});
