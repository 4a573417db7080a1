import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, PlatformRole, loadConfig } from '@sieve/core';
import pg from 'pg';
import request from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

const API = 'aws/guardduty/service/action/awsApiCallAction';
const TYPE = 'Discovery:IAMUser/AnomalousBehavior';
/** AT&T: a residential and office network, not a hosting provider; no other test file calls from it. */
const ASN = 7018;
const REPORT = `threshold contributingTenants shapes confirmedShapes promoted contradicted blocked withdrawn updated
  activeGlobalPatterns globalVersion startedAt finishedAt`;
const POOLED = `id key findingType rendering state tenantSupport globalPatternId globalPatternReference
  globalPatternStatus promotedAt blockedAt blockedReason`;

interface Response {
  data?: Record<string, Record<string, unknown>> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

/**
 * Cross-tenant pooling through the public interfaces and the real worker: tenant admins opt in; the
 * pattern three contributing tenants share becomes a global pattern when a platform admin runs a cycle,
 * suppresses the finding of a tenant that consumes the pool on its first day and not that of a tenant that
 * does not; one TRUE_POSITIVE resolved in any tenant retires it everywhere within one cycle.
 */
describe('pooling', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const config = {
    REDIS_PREFIX: `${process.env.REDIS_PREFIX}:pooling-${randomBytes(3).toString('hex')}`,
    TRIAGE_CLOUDTRAIL_ENABLED: 'false',
    POOLING_EVERY_SECONDS: '3600',
  };
  let api: NestExpressApplication;
  let worker: TestingModule;
  let platformAdmin: string;
  let counter = 0;
  let accounts = 0;

  const call = async (credential: string, query: string, variables?: Record<string, unknown>) =>
    (await gql(api, credential, query, variables)).body as Response;

  /** GuardDuty (through Security Hub) seeing a role list S3 buckets with the AWS CLI from AT&T. */
  function listBuckets(accountId: string, role: string): Record<string, unknown> {
    return asffFinding(accountId, ++counter, {
      Types: ['TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior'],
      Severity: { Label: 'MEDIUM', Normalized: 50 },
      Title: `${role} listed buckets (${counter})`,
      ProductFields: {
        'aws/guardduty/service/action/actionType': 'AWS_API_CALL',
        'aws/guardduty/service/type': TYPE,
        [`${API}/api`]: 'ListBuckets',
        [`${API}/serviceName`]: 's3.amazonaws.com',
        [`${API}/callerType`]: 'Remote IP',
        [`${API}/userAgent`]: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0',
        [`${API}/remoteIpDetails/ipAddressV4`]: `12.34.56.${counter % 250}`,
        [`${API}/remoteIpDetails/organization/asn`]: String(ASN),
        [`${API}/remoteIpDetails/country/countryCode`]: 'US',
      },
      Resources: [
        {
          Type: 'AwsIamAccessKey',
          Id: `AWS::IAM::AccessKey:AKIA81POOLING${String(counter).padStart(6, '0')}`,
          Details: { AwsIamAccessKey: { PrincipalType: 'IAMUser', PrincipalName: role } },
        },
      ],
    });
  }

  interface Member extends SeededTenant {
    accountId: string;
  }

  /** A tenant with an AWS account (81…) whose admin set its pool opt-ins through the API. */
  async function member(
    label: string,
    optIns: { poolContribute: boolean; poolConsume: boolean },
  ): Promise<Member> {
    const tenant = await seedTenant(api, label);
    const accountId = `8100000000${String(++accounts).padStart(2, '0')}`;
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId, `arn:aws:iam::${accountId}:role/Sieve`],
    );
    const updated = await call(
      tenant.adminToken,
      `mutation ($i: UpdateTenantInput!) { updateTenant(input: $i) { poolContribute poolConsume } }`,
      { i: optIns },
    );
    expect(updated.data!.updateTenant).toEqual(optIns);
    return { ...tenant, accountId };
  }

  /** The behaviour, as each contributor wrote it: with its own account, role and office block. */
  async function sharePattern(tenant: Member): Promise<string> {
    const created = await call(
      tenant.adminToken,
      `mutation ($i: CreateKnownGoodPatternInput!) { createKnownGoodPattern(input: $i) { id status } }`,
      {
        i: {
          name: `Nightly inventory of ${tenant.accountId}`,
          findingType: TYPE,
          activate: true,
          predicates: [
            { feature: 'apiAction', op: 'equals', value: 's3:ListBuckets' },
            { feature: 'userAgentFamily', op: 'equals', value: 'aws-cli' },
            { feature: 'remoteAsn', op: 'asn', asns: [ASN] },
            { feature: 'awsAccountId', op: 'equals', value: tenant.accountId },
            { feature: 'principalName', op: 'equals', value: `inventory-${tenant.tenant.slug}` },
          ],
          support: { findings: 30, countries: ['US'], asns: [ASN], userAgentFamilies: ['aws-cli'] },
        },
      },
    );
    expect(created.data!.createKnownGoodPattern).toMatchObject({ status: 'ACTIVE' });
    return created.data!.createKnownGoodPattern.id as string;
  }

  async function push(tenant: Member, finding: Record<string, unknown>): Promise<void> {
    const res = await request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(tenant.accountId, [finding])));
    expect(res.status).toBe(202);
  }

  /** The verdict of a new finding of the tenant, once triage gave one, with its open case (if raised). */
  async function judge(tenant: Member, role: string) {
    const finding = listBuckets(tenant.accountId, role);
    await push(tenant, finding);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await owner.query(
        `SELECT f.id, f.verdict, f.verdict_pattern_id,
                (SELECT cf.case_id FROM case_findings cf WHERE cf.finding_id = f.id LIMIT 1) AS case_id
         FROM findings f WHERE f.tenant_id = $1 AND f.finding_id = $2 AND f.verdict IS NOT NULL`,
        [tenant.tenant.id, finding.Id],
      );
      const row = rows[0];
      if (row && (row.verdict === 'SUPPRESSED' || row.case_id)) return row;
      if (Date.now() > deadline) throw new Error(`no verdict for ${String(finding.Title)}`);
      await sleep(100);
    }
  }

  const runCycle = async () => {
    const res = await call(platformAdmin, `mutation { runPoolingCycle { ${REPORT} } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.runPoolingCycle;
  };

  /** This file's pooled shape (other files' shapes share the table). */
  const pooledShape = async () => {
    const res = await call(platformAdmin, `{ pooledPatterns(first: 100) { edges { node { ${POOLED} } } } }`);
    const nodes = (res.data!.pooledPatterns.edges as { node: Record<string, unknown> }[]).map((e) => e.node);
    return nodes.filter((n) => n.findingType === TYPE && String(n.rendering).includes(`AS${ASN}`));
  };

  beforeAll(async () => {
    await owner.connect();
    api = await createTestApp({ config });
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .compile();
    await worker.init();
    platformAdmin = (await seedPlatformUser(api, PlatformRole.PLATFORM_ADMIN)).token;
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await owner.end();
  });

  it('lets only platform admins review the pool and run a cycle', async () => {
    const tenant = await seedTenant(api, 'pool-nosy');
    for (const query of [
      `mutation { runPoolingCycle { promoted } }`,
      `{ pooledPatterns { edges { node { id } } } }`,
      `{ poolingStatus { threshold } }`,
      `mutation { blockPooledPattern(id: "${randomUUID()}", reason: "x") { id } }`,
    ]) {
      const res = await call(tenant.adminToken, query);
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const status = await call(platformAdmin, `{ poolingStatus { threshold everySeconds cycles } }`);
    expect(status.data!.poolingStatus).toMatchObject({ threshold: 3, everySeconds: 3600 });
    for (const id of [randomUUID(), 'G-1']) {
      const res = await call(
        platformAdmin,
        `mutation ($id: ID!) { blockPooledPattern(id: $id, reason: "x") { id } }`,
        {
          id,
        },
      );
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('protects a consuming tenant on its first day with what three contributors confirmed, and retires it everywhere after one TRUE_POSITIVE', async () => {
    const [first, second, third] = [
      await member('pool-c1', { poolContribute: true, poolConsume: false }),
      await member('pool-c2', { poolContribute: true, poolConsume: false }),
      await member('pool-c3', { poolContribute: true, poolConsume: false }),
    ];
    const newcomer = await member('pool-new', { poolContribute: false, poolConsume: true });
    const abstainer = await member('pool-own', { poolContribute: false, poolConsume: false });

    // Two contributors are not enough: nothing is pooled, nothing suppressed.
    await sharePattern(first);
    await sharePattern(second);
    const two = await runCycle();
    expect(two).toMatchObject({ threshold: 3, globalVersion: expect.any(Number) });
    expect(two.contributingTenants).toBeGreaterThanOrEqual(2);
    expect(await pooledShape()).toEqual([]);
    expect(await judge(newcomer, 'inventory')).toMatchObject({ verdict: 'RAISED' });

    // The third makes it a global pattern, shown to platform admins with its support, never its tenants.
    await sharePattern(third);
    await runCycle();
    const [shape] = await pooledShape();
    expect(shape).toMatchObject({
      state: 'PROMOTED',
      tenantSupport: 3,
      globalPatternStatus: 'ACTIVE',
      globalPatternReference: expect.stringMatching(/^G-\d+$/),
      rendering: `${TYPE} where apiAction = s3:ListBuckets ∧ remoteAsn ∈ {AS${ASN}} ∧ userAgentFamily = aws-cli`,
    });
    const seen = await call(
      newcomer.viewerToken,
      `query ($id: ID!) { globalKnownGoodPattern(id: $id) { status tenantSupport name description support } }`,
      { id: shape.globalPatternId },
    );
    expect(seen.data!.globalKnownGoodPattern).toMatchObject({
      status: 'ACTIVE',
      tenantSupport: 3,
      support: { findings: 90, countries: ['US'], asns: [ASN], userAgentFamilies: ['aws-cli'] },
    });
    expect(JSON.stringify(seen.data)).not.toMatch(/8100000000|inventory-/);

    // The newcomer consumes the pool: suppressed by the global pattern. The abstainer does not: raised.
    expect(await judge(newcomer, 'inventory')).toMatchObject({
      verdict: 'SUPPRESSED',
      verdict_pattern_id: shape.globalPatternId,
    });
    const attack = await judge(abstainer, 'inventory');
    expect(attack).toMatchObject({ verdict: 'RAISED', verdict_pattern_id: null });

    // The abstainer's analyst finds it was stolen keys: TRUE_POSITIVE. One cycle later the global pattern is
    // retired everywhere, and the newcomer's next identical finding is raised.
    const resolved = await call(
      abstainer.analystToken,
      `mutation ($id: ID!) { resolveCase(id: $id, disposition: TRUE_POSITIVE, summary: "Stolen keys", learn: false) { id } }`,
      { id: attack.case_id },
    );
    expect(resolved.errors).toBeUndefined();
    await runCycle();
    const [blocked] = await pooledShape();
    expect(blocked).toMatchObject({
      state: 'BLOCKED',
      globalPatternId: shape.globalPatternId,
      globalPatternStatus: 'RETIRED',
      blockedReason: 'contradicted: a finding it matches was resolved TRUE_POSITIVE',
    });
    expect(await judge(newcomer, 'inventory')).toMatchObject({ verdict: 'RAISED', verdict_pattern_id: null });

    // The contributors' own patterns are theirs: still active, still suppressing their findings.
    expect(await judge(first, `inventory-${first.tenant.slug}`)).toMatchObject({ verdict: 'SUPPRESSED' });
    const again = await call(
      platformAdmin,
      `mutation ($id: ID!) { blockPooledPattern(id: $id, reason: "x") { id } }`,
      {
        id: blocked.id,
      },
    );
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
  }, 120_000);
});
