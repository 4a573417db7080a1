import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import {
  A_ROWS,
  B_ROWS,
  CONSOLE_LOGIN,
  PATTERN_1,
  PORT_PROBE,
  at,
  insertFindingRow,
} from '../fixtures/finding-rows.js';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

describe('findings API', () => {
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  let platformAdmin: { userId: string; token: string };
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const ids = new Map<string, string>();

  const titlesOf = (connection: { edges: { node: { title: string } }[] }) =>
    connection.edges.map((e) => e.node.title);

  const FINDINGS = `query ($first: Int, $after: String, $filter: FindingFilterInput) {
    findings(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id title lastSeenAt } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  async function allTitles(credential: string, filter?: Record<string, unknown>): Promise<string[]> {
    const res = await gql(app, credential, FINDINGS, { first: 50, filter });
    expect(res.body.errors).toBeUndefined();
    return titlesOf(res.body.data.findings).sort();
  }

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    a = await seedTenant(app, 'find-a');
    b = await seedTenant(app, 'find-b');
    platformAdmin = await seedPlatformUser(app, PlatformRole.PLATFORM_ADMIN);
    for (const row of A_ROWS) await insertFindingRow(owner, ids, a.tenant.id, row);
    for (const row of B_ROWS) await insertFindingRow(owner, ids, b.tenant.id, row);
  });

  afterAll(async () => {
    await app.close();
    await owner.end();
  });

  describe('findings', () => {
    it('pages newest first, each finding exactly once, ties on last_seen_at included', async () => {
      const seen: { title: string }[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res = await gql(app, a.viewerToken, FINDINGS, { first: 2, after });
        expect(res.body.errors).toBeUndefined();
        const page = res.body.data.findings;
        seen.push(...page.edges.map((e: { node: { title: string } }) => e.node));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const titles = seen.map((s) => s.title);
      expect(titles.sort()).toEqual(A_ROWS.map((r) => r.title).sort());
      expect(pages).toBe(Math.ceil(A_ROWS.length / 2));
      // Newest first: the five tied findings lead, f8 next, f9 last.
      const ordered = (await gql(app, a.viewerToken, FINDINGS, { first: 50 })).body.data.findings;
      expect(titlesOf(ordered).slice(5)).toEqual(['f8', 'f6', 'f4', 'f5', 'f3', 'f1', 'f2', 'f7', 'f9']);
    });

    it('refuses a forged cursor', async () => {
      const res = await gql(app, a.viewerToken, FINDINGS, { first: 2, after: 'bm90LWEtY3Vyc29y' });
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it.each([
      ['verdict', { verdict: 'RAISED' }, ['f1', 'f9']],
      ['severity labels', { severity: ['HIGH', 'CRITICAL'] }, ['f1', 'f4']],
      ['finding type', { findingType: CONSOLE_LOGIN }, ['f2']],
      ['AWS account', { awsAccountId: '222222222222' }, ['f3']],
      ['region', { region: 'eu-west-1' }, ['f2']],
      ['triage status', { triageStatus: 'DEAD' }, ['f6', 'f8']],
      ['last seen range', { from: at(0), to: at(60) }, ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']],
      ['pattern', { patternId: PATTERN_1 }, ['f2', 'f3']],
      ['several criteria', { findingType: PORT_PROBE, verdict: 'RAISED' }, ['f1']],
    ])('filters by %s', async (_name, filter, expected) => {
      expect(await allTitles(a.viewerToken, filter)).toEqual(expected);
    });

    it('refuses a malformed filter', async () => {
      const res = await gql(app, a.viewerToken, FINDINGS, { filter: { awsAccountId: 'nope' } });
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it("shows each tenant only its own findings, whatever the credentials' kind", async () => {
      expect(await allTitles(b.adminToken)).toEqual(['b1', 'b2']);
      expect(await allTitles(b.apiKey, { findingType: PORT_PROBE })).toEqual(['b1']);
      expect(await allTitles(a.apiKey, { findingType: PORT_PROBE })).toEqual(['f1']);
    });
  });

  describe('finding(id)', () => {
    const FINDING = `query ($id: ID!) {
      finding(id: $id) {
        id findingId title severityLabel severityNormalized occurrences firstSeenAt lastSeenAt triageStatus
        verdict { verdict priority explanation patternId patternScope at }
        resources observables enrichment fingerprint
      }
    }`;

    it('gives the details, the verdict and (on request) the raw JSON', async () => {
      const res = await gql(app, a.analystToken, FINDING, { id: ids.get('f2') });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.finding).toMatchObject({
        id: ids.get('f2'),
        title: 'f2',
        severityLabel: 'LOW',
        severityNormalized: 20,
        occurrences: 1,
        firstSeenAt: at(5),
        triageStatus: 'DONE',
        verdict: {
          verdict: 'SUPPRESSED',
          priority: null,
          explanation: 'suppressed because of f2',
          patternId: PATTERN_1,
          patternScope: 'TENANT',
          at: at(6),
        },
        resources: [{ Type: 'AwsEc2Instance' }],
        observables: { ips: ['198.51.100.7'] },
        enrichment: { ipIntel: { reputation: 'clean' } },
        fingerprint: { type: CONSOLE_LOGIN },
      });
      const raw = await gql(app, a.analystToken, 'query ($id: ID!) { finding(id: $id) { raw } }', {
        id: ids.get('f2'),
      });
      expect(raw.body.data.finding.raw).toMatchObject({ Title: 'f2' });
    });

    it('has no verdict before triage', async () => {
      const res = await gql(app, a.analystToken, FINDING, { id: ids.get('f4') });
      expect(res.body.data.finding).toMatchObject({
        triageStatus: 'PENDING',
        verdict: null,
        enrichment: null,
      });
    });

    it("answers NOT_FOUND for another tenant's finding exactly as for an unknown one", async () => {
      const answers = [];
      for (const id of [ids.get('b1')!, randomUUID(), 'not-a-uuid']) {
        const res = await gql(app, a.adminToken, FINDING, { id });
        expect(res.body.data).toBeNull();
        answers.push({
          code: res.body.errors[0].extensions.code,
          message: res.body.errors[0].message.replace(id, '<id>'),
        });
      }
      expect(answers[0]).toEqual({ code: 'NOT_FOUND', message: 'Finding <id> not found' });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });
  });

  describe('ingestStats', () => {
    const STATS = `query ($from: DateTime!, $to: DateTime!, $tenantId: ID) {
      ingestStats(from: $from, to: $to, tenantId: $tenantId) {
        tenantId received seen versions suppressed raised pending errors noiseRatio
      }
    }`;

    it('counts the window of the credentials’ tenant', async () => {
      const res = await gql(app, a.viewerToken, STATS, { from: at(0), to: at(60) });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.ingestStats).toEqual({
        tenantId: a.tenant.id,
        received: 5,
        seen: 6,
        versions: 9,
        suppressed: 3,
        raised: 1,
        pending: 1,
        errors: 2,
        noiseRatio: 3,
      });
    });

    it('gives a null noise ratio when nothing was raised', async () => {
      const res = await gql(app, a.viewerToken, STATS, { from: at(60), to: at(180) });
      expect(res.body.data.ingestStats).toMatchObject({
        received: 1,
        seen: 1,
        versions: 1,
        suppressed: 0,
        raised: 0,
        errors: 1,
        noiseRatio: null,
      });
    });

    it('refuses an empty window', async () => {
      const res = await gql(app, a.viewerToken, STATS, { from: at(60), to: at(60) });
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it("keeps tenants apart: another tenant's id answers NOT_FOUND; platform admins name any tenant", async () => {
      const foreign = await gql(app, a.adminToken, STATS, { from: at(0), to: at(60), tenantId: b.tenant.id });
      expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const own = await gql(app, b.apiKey, STATS, { from: at(0), to: at(60) });
      expect(own.body.data.ingestStats).toMatchObject({ received: 2, raised: 1, suppressed: 0, errors: 1 });
      const byAdmin = await gql(app, platformAdmin.token, STATS, {
        from: at(0),
        to: at(60),
        tenantId: b.tenant.id,
      });
      expect(byAdmin.body.data.ingestStats).toEqual(own.body.data.ingestStats);
      const unknown = await gql(app, platformAdmin.token, STATS, {
        from: at(0),
        to: at(60),
        tenantId: randomUUID(),
      });
      expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const noTenant = await gql(app, platformAdmin.token, STATS, { from: at(0), to: at(60) });
      expect(noTenant.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });
});
