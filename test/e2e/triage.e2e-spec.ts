import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, loadConfig } from '@sieve/core';
import pg from 'pg';
import request from 'supertest';
import { TriageProcessor } from '../../apps/worker/src/triage/triage.processor.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type SeededTenant, createTestApp, seedTenant } from '../harness/test-app.js';

/**
 * Push → triage → verdict with the API and the worker of one deployment: a pattern's finding is
 * suppressed with a readable explanation, the rest is raised with a priority from its severity.
 */
describe('triage', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  // API and worker share queues under a prefix no other test file's worker reads.
  const config = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}:triage-${randomBytes(3).toString('hex')}` };
  let api: NestExpressApplication;
  let worker: TestingModule;
  let tenant: SeededTenant;
  const accountId = '330000000001';

  const push = (findings: Record<string, unknown>[]) =>
    request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(accountId, findings)));

  async function verdicts(ids: string[], timeoutMs = 20_000): Promise<Map<string, Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await owner.query(
        `SELECT finding_id, verdict, verdict_priority, verdict_explanation, verdict_pattern_id, triage_status,
                fingerprint, enrichment
         FROM findings WHERE tenant_id = $1 AND finding_id = ANY($2) AND verdict IS NOT NULL`,
        [tenant.tenant.id, ids],
      );
      if (rows.length === ids.length || Date.now() > deadline)
        return new Map(rows.map((r) => [r.finding_id, r]));
      await sleep(100);
    }
  }

  beforeAll(async () => {
    await owner.connect();
    api = await createTestApp({ config });
    tenant = await seedTenant(api, 'triage');
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, 'arn:aws:iam::330000000001:role/Sieve', '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId],
    );
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .compile();
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await owner.end();
  });

  it('suppresses what a known-good pattern covers and raises the rest, each with an explanation', async () => {
    const { rows } = await owner.query(
      `INSERT INTO known_good_patterns (tenant_id, name, description, finding_type, predicates, status, created_by)
       VALUES ($1, 'Scanner probes of the bastion', 'The bastion is exposed on purpose; probes are expected',
               'Recon:EC2/PortProbeUnprotectedPort',
               '[{"feature": "resourceType", "op": "equals", "value": "AwsEc2Instance"}]', 'ACTIVE', 'test')
       RETURNING id`,
      [tenant.tenant.id],
    );
    const patternId = rows[0].id;
    const probe = asffFinding(accountId, 1);
    const critical = asffFinding(accountId, 2, {
      Types: ['TTPs/Command and Control/CryptoCurrency:EC2-BitcoinTool.B!DNS'],
      ProductFields: { 'aws/guardduty/service/action/actionType': 'DNS_REQUEST' },
      Severity: { Label: 'CRITICAL', Normalized: 90 },
      Title: 'EC2 instance is querying a domain name associated with Bitcoin-related activity',
    });
    expect((await push([probe, critical])).status).toBe(202);

    const result = await verdicts([probe.Id as string, critical.Id as string]);
    expect(result.get(probe.Id as string)).toMatchObject({
      verdict: 'SUPPRESSED',
      verdict_pattern_id: patternId,
      triage_status: 'DONE',
      verdict_explanation: expect.stringMatching(
        /^Suppressed by pattern P-\d+ \(tenant\): Scanner probes of the bastion \(The bastion is exposed[^)]*\); \d+ earlier match/,
      ),
    });
    expect(result.get(probe.Id as string)?.fingerprint).toMatchObject({ resourceType: 'AwsEc2Instance' });
    // A pattern never suppresses a CRITICAL finding unless it says so.
    expect(result.get(critical.Id as string)).toMatchObject({ verdict: 'RAISED', verdict_priority: 1 });
  }, 40_000);

  it('gives each finding exactly one verdict when it is redelivered', async () => {
    const finding = asffFinding(accountId, 3, { UpdatedAt: '2026-12-01T00:00:00Z' });
    await push([finding]);
    await push([finding]);
    await verdicts([finding.Id as string]);
    const { rows } = await owner.query(
      `SELECT occurrences, verdict FROM findings WHERE tenant_id = $1 AND finding_id = $2`,
      [tenant.tenant.id, finding.Id],
    );
    expect(rows).toEqual([{ occurrences: 1, verdict: 'SUPPRESSED' }]);
  }, 40_000);

  it("triages a quiet tenant's CRITICAL finding before a loud tenant's waiting flood", async () => {
    const quiet = await seedTenant(api, 'quiet');
    const quietAccount = '330000000002';
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, 'arn:aws:iam::330000000002:role/Sieve', '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [quiet.tenant.id, quietAccount],
    );
    // The loud tenant floods 5,000 LOW findings (50 requests of 100), then the quiet one sends one. The
    // triage worker is paused meanwhile, so that the flood is a backlog whatever the machine's speed (a
    // fast worker would otherwise drain it as it arrives, and the test would prove nothing).
    const triage = worker.get(TriageProcessor).worker;
    await triage.pause();
    for (let batch = 0; batch < 50; batch++) {
      const findings = Array.from({ length: 100 }, (_, i) => asffFinding(accountId, 1_000 + batch * 100 + i));
      expect((await push(findings)).status).toBe(202);
    }
    const critical = asffFinding(quietAccount, 1, { Severity: { Label: 'CRITICAL', Normalized: 90 } });
    const sentAt = Date.now();
    const res = await request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', quiet.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(quietAccount, [critical])));
    expect(res.status).toBe(202);
    triage.resume();

    let quietVerdictAt: number | undefined;
    while (!quietVerdictAt && Date.now() - sentAt < 20_000) {
      const { rows } = await owner.query(
        `SELECT verdict FROM findings WHERE tenant_id = $1 AND verdict IS NOT NULL`,
        [quiet.tenant.id],
      );
      if (rows.length) quietVerdictAt = Date.now();
      else await sleep(20);
    }
    // How fast is for the benchmark (bench/pipeline.bench.ts, on a quiet machine); this checks the order.
    expect(quietVerdictAt).toBeDefined();

    // The quiet tenant overtook the flood: loud findings got their verdicts after the quiet one.
    const deadline = Date.now() + 30_000;
    let waiting = 1;
    while (waiting > 0 && Date.now() < deadline) {
      await sleep(200);
      waiting = (
        await owner.query(
          `SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1 AND verdict IS NULL`,
          [tenant.tenant.id],
        )
      ).rows[0].n;
    }
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM findings loud
       WHERE loud.tenant_id = $1 AND loud.verdict_at > (SELECT verdict_at FROM findings WHERE tenant_id = $2)`,
      [tenant.tenant.id, quiet.tenant.id],
    );
    // Most of the flood was still waiting when the quiet tenant's finding got its verdict.
    expect(rows[0].n).toBeGreaterThan(2_500);
  }, 60_000);
});
