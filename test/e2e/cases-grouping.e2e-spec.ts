import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, PlatformRole, loadConfig } from '@sieve/core';
import pg from 'pg';
import request from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

/**
 * The story an analyst must see, through the real pipeline (push → worker triage → case): a port probe on an
 * instance is suppressed as known scanner noise; when a command-and-control finding is raised on the same
 * instance, the probe joins the case, re-labelled RAISED with the reason, and its writeback is corrected.
 */
describe('cases from the triage pipeline', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const config = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}:cases-${randomBytes(3).toString('hex')}` };
  const accountId = '510000000005';
  const instance = `arn:aws:ec2:us-east-1:${accountId}:instance/i-0bastion`;
  let api: NestExpressApplication;
  let worker: TestingModule;
  let tenant: SeededTenant;

  const push = (findings: Record<string, unknown>[]) =>
    request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(accountId, findings)));

  async function verdictOf(providerId: string, timeoutMs = 20_000): Promise<{ id: string; verdict: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await owner.query(
        `SELECT id, verdict FROM findings WHERE tenant_id = $1 AND finding_id = $2 AND verdict IS NOT NULL`,
        [tenant.tenant.id, providerId],
      );
      if (rows[0]) return rows[0];
      if (Date.now() > deadline) throw new Error(`no verdict for ${providerId}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    await owner.connect();
    api = await createTestApp({ config });
    tenant = await seedTenant(api, 'casepipe');
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId, `arn:aws:iam::${accountId}:role/Sieve`],
    );
    await owner.query(
      `INSERT INTO known_good_patterns (tenant_id, name, description, finding_type, predicates, status, created_by)
       VALUES ($1, 'Scanner probes', 'Internet scanners probe exposed hosts', 'Recon:EC2/PortProbeUnprotectedPort',
               '[{"feature": "resourceType", "op": "equals", "value": "AwsEc2Instance"}]', 'ACTIVE', 'test')`,
      [tenant.tenant.id],
    );
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .compile();
    await worker.init();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await owner.end();
  });

  it('groups the raised finding into a case and pulls the suppressed probe that preceded it in', async () => {
    const resources = [{ Type: 'AwsEc2Instance', Id: instance }];
    const probe = asffFinding(accountId, 1, { Resources: resources });
    expect((await push([probe])).status).toBe(202);
    expect((await verdictOf(probe.Id as string)).verdict).toBe('SUPPRESSED');

    const backdoor = asffFinding(accountId, 2, {
      Resources: resources,
      Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'],
      Severity: { Label: 'HIGH', Normalized: 75 },
      Title: 'EC2 instance is querying an IP address associated with a known command and control server',
    });
    expect((await push([backdoor])).status).toBe(202);
    const raised = await verdictOf(backdoor.Id as string);
    expect(raised.verdict).toBe('RAISED');

    const analyst = await seedPlatformUser(api, PlatformRole.MSSP_ANALYST);
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
      analyst.userId,
      tenant.tenant.id,
    ]);
    const queue = await gql(
      api,
      analyst.token,
      `{ caseQueue(first: 10) { edges { node { id key severityLabel priority findingCount
           findings(first: 10) { edges { node { id reason verdict verdictExplanation } } } } } } }`,
    );
    const [kase] = queue.body.data.caseQueue.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(kase).toMatchObject({ severityLabel: 'HIGH', priority: 2, findingCount: 2 });
    const findings = new Map(
      (
        kase.findings.edges as {
          node: { id: string; reason: string; verdict: string; verdictExplanation: string };
        }[]
      ).map((e) => [e.node.id, e.node]),
    );
    const probeId = (await verdictOf(probe.Id as string)).id;
    expect(findings.get(raised.id)).toMatchObject({ reason: 'RAISED', verdict: 'RAISED' });
    expect(findings.get(probeId)).toMatchObject({ reason: 'CORRELATED', verdict: 'RAISED' });
    expect(
      findings
        .get(probeId)!
        .verdictExplanation.startsWith(
          `Raised (correlated): precedes Backdoor:EC2/C&CActivity.B on the same resource in case ${kase.key}; ` +
            'was suppressed by pattern P-',
        ),
    ).toBe(true);
    const { rows: outbox } = await owner.query(
      `SELECT workflow_status FROM writeback_outbox WHERE finding_id = $1 ORDER BY id`,
      [probeId],
    );
    expect(outbox.map((o) => o.workflow_status)).toEqual(['SUPPRESSED', 'NOTIFIED']);
    const { rows: observables } = await owner.query(
      `SELECT type, value FROM case_observables WHERE case_id = $1 AND type = 'RESOURCE_ARN'`,
      [kase.id],
    );
    expect(observables).toEqual([{ type: 'RESOURCE_ARN', value: instance }]);
  }, 60_000);
});
