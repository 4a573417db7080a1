import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, loadConfig } from '@sieve/core';
import pg from 'pg';
import request from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

const API = 'aws/guardduty/service/action/awsApiCallAction';
const TYPE = 'Discovery:IAMUser/AnomalousBehavior';
const PATTERN = 'id reference status rendering retiredReason sourceCaseId sourceAnalystId support';
const BACKTEST = 'clean matched suppressed vetoed truePositives days';

interface Call {
  ip: string;
  asn: number;
  country: string;
  role: string;
  key: string;
}

/**
 * The closed loop through the public interfaces and the real worker: an analyst resolves a case benign with
 * `learn`, a pattern is proposed, backtested and activated, and the next identical finding is suppressed by
 * it while a similar one from a new country is vetoed and one from a hosting provider stays raised; a
 * TRUE_POSITIVE resolution retires the pattern it contradicts and refuses any pattern that would hide it;
 * under the approval policy a clean proposal waits for a tenant admin.
 */
describe('learning from resolved cases', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const config = {
    REDIS_PREFIX: `${process.env.REDIS_PREFIX}:learning-${randomBytes(3).toString('hex')}`,
    TRIAGE_CLOUDTRAIL_ENABLED: 'false',
  };
  let api: NestExpressApplication;
  let worker: TestingModule;
  let counter = 0;

  /** GuardDuty (through Security Hub) seeing a role list S3 buckets with the AWS CLI. */
  function listBuckets(accountId: string, call: Call): Record<string, unknown> {
    return asffFinding(accountId, ++counter, {
      Types: ['TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior'],
      Severity: { Label: 'MEDIUM', Normalized: 50 },
      Title: `${call.role} listed buckets (${counter})`,
      ProductFields: {
        'aws/guardduty/service/action/actionType': 'AWS_API_CALL',
        'aws/guardduty/service/type': TYPE,
        [`${API}/api`]: 'ListBuckets',
        [`${API}/serviceName`]: 's3.amazonaws.com',
        [`${API}/callerType`]: 'Remote IP',
        [`${API}/userAgent`]: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0',
        [`${API}/remoteIpDetails/ipAddressV4`]: call.ip,
        [`${API}/remoteIpDetails/organization/asn`]: String(call.asn),
        [`${API}/remoteIpDetails/country/countryCode`]: call.country,
      },
      Resources: [
        {
          Type: 'AwsIamAccessKey',
          Id: `AWS::IAM::AccessKey:${call.key}`,
          Details: { AwsIamAccessKey: { PrincipalType: 'IAMUser', PrincipalName: call.role } },
        },
      ],
    });
  }

  async function push(
    tenant: SeededTenant,
    accountId: string,
    finding: Record<string, unknown>,
  ): Promise<void> {
    const res = await request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(accountId, [finding])));
    expect(res.status).toBe(202);
  }

  async function pushed(tenant: SeededTenant, accountId: string, c: Call): Promise<Record<string, unknown>> {
    const finding = listBuckets(accountId, c);
    await push(tenant, accountId, finding);
    return finding;
  }

  async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  /** The finding's verdict once triage gave one, with the open case grouping put it in (if any). */
  function judged(tenant: SeededTenant, finding: Record<string, unknown>) {
    return eventually(`a verdict for ${String(finding.Title)}`, async () => {
      const { rows } = await owner.query(
        `SELECT f.id, f.verdict, f.verdict_pattern_id, f.verdict_explanation, f.fingerprint,
                (SELECT cf.case_id FROM case_findings cf JOIN cases c ON c.id = cf.case_id
                 WHERE cf.finding_id = f.id AND c.status NOT IN ('RESOLVED', 'CLOSED') LIMIT 1) AS case_id
         FROM findings f WHERE f.tenant_id = $1 AND f.finding_id = $2 AND f.verdict IS NOT NULL`,
        [tenant.tenant.id, finding.Id],
      );
      const row = rows[0];
      return row && (row.verdict === 'SUPPRESSED' || row.case_id) ? row : undefined;
    });
  }

  async function call(credential: string, query: string, variables?: Record<string, unknown>) {
    const res = await gql(api, credential, query, variables);
    return res.body as {
      data?: Record<string, Record<string, unknown>> | null;
      errors?: { message: string; extensions: { code: string } }[];
    };
  }

  const resolveCase = (
    credential: string,
    id: string,
    disposition: string,
    summary: string,
    learn: boolean,
  ) =>
    call(
      credential,
      `mutation ($id: ID!, $s: String!, $learn: Boolean!) {
         resolveCase(id: $id, disposition: ${disposition}, summary: $s, learn: $learn) {
           id key proposedPatterns { state caseKey findingCount pattern { ${PATTERN} } }
         }
       }`,
      { id, s: summary, learn },
    );

  const pattern = async (credential: string, id: string) =>
    (await call(credential, `query ($id: ID!) { knownGoodPattern(id: $id) { ${PATTERN} } }`, { id })).data!
      .knownGoodPattern as Record<string, unknown>;

  async function connectedTenant(label: string, accountId: string): Promise<SeededTenant> {
    const tenant = await seedTenant(api, label);
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId, `arn:aws:iam::${accountId}:role/Sieve`],
    );
    return tenant;
  }

  beforeAll(async () => {
    await owner.connect();
    api = await createTestApp({ config });
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

  it('learns from a benign resolution, suppresses the next identical finding, vetoes novelty, and unlearns on a true positive', async () => {
    const accountId = '710000000001';
    const tenant = await connectedTenant('learn', accountId);
    const office: Call = {
      ip: '198.51.100.10',
      asn: 7922,
      country: 'US',
      role: 'deploy-bot',
      key: 'AKIA71LEARNING00001',
    };

    // 1. The deploy bot's first call is new: raised into a case, which the admin resolves benign, with learn.
    const first = await judged(tenant, await pushed(tenant, accountId, office));
    expect(first.verdict).toBe('RAISED');
    const resolved = await resolveCase(
      tenant.adminToken,
      first.case_id,
      'BENIGN_EXPECTED',
      'The deploy bot lists buckets nightly',
      true,
    );
    expect(resolved.errors).toBeUndefined();
    const [proposal] = resolved.data!.resolveCase.proposedPatterns as {
      state: string;
      caseKey: string;
      findingCount: number;
      pattern: Record<string, unknown>;
    }[];
    // Read once the resolution committed: the worker may already be backtesting it.
    expect(proposal).toMatchObject({
      state: expect.stringMatching(/^(PENDING|CLEAN)$/),
      caseKey: resolved.data!.resolveCase.key,
      findingCount: 1,
      pattern: { sourceCaseId: first.case_id, sourceAnalystId: tenant.adminUserId },
    });
    expect(proposal.pattern.rendering).toEqual(expect.stringContaining('remoteAsn ∈ {AS7922}'));
    expect(proposal.pattern.rendering).toEqual(expect.stringContaining('userAgentFamily = aws-cli'));
    expect(proposal.pattern.support).toMatchObject({
      countries: ['US'],
      asns: [7922],
      userAgentFamilies: ['aws-cli'],
    });
    const patternId = proposal.pattern.id as string;

    // 2. The worker backtests it (clean: nothing marked TRUE_POSITIVE) and, by the default policy, activates it.
    await eventually('the pattern to be activated', async () =>
      (await pattern(tenant.adminToken, patternId)).status === 'ACTIVE' ? true : undefined,
    );

    // 3. The next identical call is suppressed by it.
    const second = await judged(tenant, await pushed(tenant, accountId, { ...office, ip: '198.51.100.11' }));
    expect(second).toMatchObject({ verdict: 'SUPPRESSED', verdict_pattern_id: patternId });

    // 4. The same call from a country the bot was never seen in matches the pattern but is vetoed (raised);
    //    from a hosting provider's network it is not covered at all.
    const abroad = await judged(
      tenant,
      await pushed(tenant, accountId, { ...office, ip: '198.51.100.12', country: 'DE' }),
    );
    expect(abroad).toMatchObject({ verdict: 'RAISED', verdict_pattern_id: null });
    expect(abroad.fingerprint).toMatchObject({ newCountry: true, remoteCountry: 'DE', remoteAsn: 7922 });
    const hosted = await judged(
      tenant,
      await pushed(tenant, accountId, { ...office, ip: '203.0.113.50', asn: 14061, country: 'NL' }),
    );
    expect(hosted).toMatchObject({ verdict: 'RAISED', verdict_pattern_id: null });
    expect(hosted.fingerprint).toMatchObject({ remoteHosting: true });
    const backtest = await call(
      tenant.adminToken,
      `query ($id: ID!) { backtestPattern(id: $id) { ${BACKTEST} } }`,
      { id: patternId },
    );
    // The first two suppressed, the one from DE vetoed (the hosted one does not match).
    expect(backtest.data!.backtestPattern).toMatchObject({
      clean: true,
      matched: 3,
      suppressed: 2,
      vetoed: 1,
      days: 30,
    });

    // 5. The analyst finds the DE and hosted calls were stolen keys: TRUE_POSITIVE. The pattern that matched
    //    them is retired, and the next identical call is raised again.
    expect(abroad.case_id).toBe(hosted.case_id);
    const tp = await resolveCase(
      tenant.analystToken,
      abroad.case_id,
      'TRUE_POSITIVE',
      'Stolen deploy keys',
      false,
    );
    expect(tp.errors).toBeUndefined();
    expect(await pattern(tenant.adminToken, patternId)).toMatchObject({
      status: 'RETIRED',
      retiredReason: `contradicted by a TRUE_POSITIVE finding of ${tp.data!.resolveCase.key}`,
    });
    const events = await owner.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'PATTERN_CONTRADICTED'`,
      [abroad.case_id],
    );
    expect(events.rows).toEqual([{ data: expect.objectContaining({ patternId }) }]);
    const again = await judged(tenant, await pushed(tenant, accountId, { ...office, ip: '198.51.100.13' }));
    expect(again.verdict).toBe('RAISED');

    // 6. A pattern that would hide those true positives is refused, naming how many.
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM true_positive_findings WHERE tenant_id = $1 AND fingerprint->>'remoteAsn' = '7922'`,
      [tenant.tenant.id],
    );
    const hidden = rows[0].n as number;
    expect(hidden).toBeGreaterThanOrEqual(1);
    const predicates = [{ feature: 'remoteAsn', op: 'asn', asns: [7922] }];
    const draft = await call(
      tenant.adminToken,
      `query ($i: BacktestPatternDraftInput!) { backtestPatternDraft(input: $i) { ${BACKTEST} } }`,
      { i: { findingType: TYPE, predicates } },
    );
    expect(draft.data!.backtestPatternDraft).toMatchObject({ clean: false, truePositives: hidden });
    const created = await call(
      tenant.adminToken,
      `mutation ($i: CreateKnownGoodPatternInput!) { createKnownGoodPattern(input: $i) { id status } }`,
      { i: { name: 'The office ISP', findingType: TYPE, predicates } },
    );
    const refused = await call(
      tenant.adminToken,
      `mutation ($id: ID!) { approvePattern(id: $id) { pattern { status } } }`,
      { id: created.data!.createKnownGoodPattern.id },
    );
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'PATTERN_BACKTEST_FAILED' },
      message: expect.stringContaining(
        `would hide ${hidden} finding${hidden === 1 ? '' : 's'} marked TRUE_POSITIVE`,
      ),
    });
    // Activation by hand goes through the same backtest, however it is asked for.
    const activated = await call(
      tenant.adminToken,
      `mutation ($id: ID!) { activateKnownGoodPattern(id: $id) { status } }`,
      { id: created.data!.createKnownGoodPattern.id },
    );
    expect(activated.errors?.[0].extensions.code).toBe('PATTERN_BACKTEST_FAILED');
    const direct = await call(
      tenant.adminToken,
      `mutation ($i: CreateKnownGoodPatternInput!) { createKnownGoodPattern(input: $i) { id status } }`,
      { i: { name: 'The office ISP, at once', findingType: TYPE, predicates, activate: true } },
    );
    expect(direct.errors?.[0].extensions.code).toBe('PATTERN_BACKTEST_FAILED');
    const { rows: active } = await owner.query(
      `SELECT count(*)::int AS n FROM known_good_patterns WHERE tenant_id = $1 AND status = 'ACTIVE' AND name LIKE 'The office ISP%'`,
      [tenant.tenant.id],
    );
    expect(active[0].n).toBe(0);
    // Backtests are for those who manage patterns.
    const forbidden = await call(
      tenant.analystToken,
      `query ($id: ID!) { backtestPattern(id: $id) { clean } }`,
      {
        id: patternId,
      },
    );
    expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');
  }, 120_000);

  it('under the approval policy keeps a clean proposal PROPOSED until a tenant admin approves it', async () => {
    const accountId = '710000000002';
    const tenant = await connectedTenant('approve', accountId);
    const setPolicy = (credential: string) =>
      call(
        credential,
        `mutation { setPatternLearningPolicy(input: { activation: REQUIRE_APPROVAL, backtestDays: 14 }) {
           activation backtestDays isDefault } }`,
      );
    expect((await setPolicy(tenant.analystToken)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await setPolicy(tenant.adminToken)).data!.setPatternLearningPolicy).toEqual({
      activation: 'REQUIRE_APPROVAL',
      backtestDays: 14,
      isDefault: false,
    });

    const backup: Call = {
      ip: '192.0.2.20',
      asn: 3320,
      country: 'DE',
      role: 'backup',
      key: 'AKIA71LEARNING00002',
    };
    const first = await judged(tenant, await pushed(tenant, accountId, backup));
    const resolved = await resolveCase(
      tenant.analystToken,
      first.case_id,
      'FALSE_POSITIVE',
      'Backups read the bucket list',
      true,
    );
    const patternId = (resolved.data!.resolveCase.proposedPatterns as { pattern: { id: string } }[])[0]
      .pattern.id;

    const proposal = await eventually('the backtest of the proposal', async () => {
      const body = await call(
        tenant.adminToken,
        `query ($id: ID!) { case(id: $id) { proposedPatterns { state backtest { ${BACKTEST} } pattern { status } } } }`,
        { id: first.case_id },
      );
      const [p] = body.data!.case.proposedPatterns as { state: string }[];
      return p.state === 'PENDING' ? undefined : p;
    });
    expect(proposal).toEqual({
      state: 'CLEAN',
      backtest: { clean: true, matched: 1, suppressed: 1, vetoed: 0, truePositives: 0, days: 14 },
      pattern: { status: 'PROPOSED' },
    });
    const stillRaised = await judged(
      tenant,
      await pushed(tenant, accountId, { ...backup, ip: '192.0.2.21' }),
    );
    expect(stillRaised.verdict).toBe('RAISED');

    const approve = (credential: string) =>
      call(
        credential,
        `mutation ($id: ID!) { approvePattern(id: $id) { pattern { status } backtest { clean days } } }`,
        {
          id: patternId,
        },
      );
    expect((await approve(tenant.analystToken)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await approve(tenant.adminToken)).data!.approvePattern).toEqual({
      pattern: { status: 'ACTIVE' },
      backtest: { clean: true, days: 14 },
    });
    const suppressed = await judged(tenant, await pushed(tenant, accountId, { ...backup, ip: '192.0.2.22' }));
    expect(suppressed).toMatchObject({ verdict: 'SUPPRESSED', verdict_pattern_id: patternId });
  }, 120_000);
});
