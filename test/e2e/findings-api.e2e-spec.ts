import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

/** The window the ingest statistics are checked on, and minutes around it. */
const T = Date.parse('2031-03-01T00:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString();
const PATTERN_1 = randomUUID();
const PATTERN_2 = randomUUID();

interface Row {
  title: string;
  account?: string;
  region?: string;
  type?: string;
  severity?: [string, number];
  first: string;
  last?: string;
  occurrences?: number;
  status?: 'PENDING' | 'DONE' | 'ERROR' | 'DEAD';
  attempts?: number;
  error?: string;
  verdict?: { verdict: 'SUPPRESSED' | 'RAISED'; priority?: number; pattern?: string; at: string };
}

const PORT_PROBE = 'Recon:EC2/PortProbeUnprotectedPort';
const CONSOLE_LOGIN = 'UnauthorizedAccess:IAMUser/ConsoleLogin';

/**
 * Tenant A's data set. In the window [T, T+60 min): received f2-f6 (5), seen f1-f6 (6), versions
 * 3+1+1+2+1+1 = 9, suppressed f2, f3, f7 (3), raised f1 (1), pending f4, errors f5 and f6.
 */
const A_ROWS: Row[] = [
  {
    title: 'f1',
    type: PORT_PROBE,
    severity: ['HIGH', 70],
    first: at(-120),
    last: at(10),
    occurrences: 3,
    status: 'DONE',
    verdict: { verdict: 'RAISED', priority: 2, at: at(11) },
  },
  {
    title: 'f2',
    type: CONSOLE_LOGIN,
    region: 'eu-west-1',
    first: at(5),
    status: 'DONE',
    verdict: { verdict: 'SUPPRESSED', pattern: PATTERN_1, at: at(6) },
  },
  {
    title: 'f3',
    account: '222222222222',
    severity: ['MEDIUM', 40],
    first: at(20),
    status: 'DONE',
    verdict: { verdict: 'SUPPRESSED', pattern: PATTERN_1, at: at(21) },
  },
  { title: 'f4', severity: ['CRITICAL', 95], first: at(30), last: at(40), occurrences: 2 },
  { title: 'f5', first: at(35), status: 'ERROR', attempts: 2, error: 'enricher timed out' },
  {
    title: 'f6',
    severity: ['INFORMATIONAL', 0],
    first: at(45),
    status: 'DEAD',
    attempts: 5,
    error: 'pattern engine crashed',
  },
  {
    title: 'f7',
    first: at(-180),
    last: at(-120),
    status: 'DONE',
    verdict: { verdict: 'SUPPRESSED', pattern: PATTERN_2, at: at(50) },
  },
  { title: 'f8', first: at(120), status: 'DEAD', attempts: 5, error: 'CloudTrail unreachable' },
  {
    title: 'f9',
    first: at(-300),
    status: 'DONE',
    verdict: { verdict: 'RAISED', priority: 4, at: at(-300) },
  },
  // Five findings of one ingest statement: the same last_seen_at to the microsecond.
  ...['t1', 't2', 't3', 't4', 't5'].map((title) => ({ title, first: '2031-03-02T00:00:00.123456Z' })),
];

const B_ROWS: Row[] = [
  {
    title: 'b1',
    type: PORT_PROBE,
    severity: ['HIGH', 70],
    first: at(10),
    status: 'DONE',
    verdict: { verdict: 'RAISED', priority: 1, at: at(12) },
  },
  { title: 'b2', first: at(15), status: 'DEAD', attempts: 5, error: 'b failure' },
];

describe('findings API', () => {
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  let platformAdmin: { userId: string; token: string };
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const ids = new Map<string, string>();

  /** As the schema owner, bypassing the API: findings in every state triage can leave them in. */
  async function insert(tenantId: string, row: Row): Promise<void> {
    const n = ids.size + 1;
    const [label, normalized] = row.severity ?? ['LOW', 20];
    const result = await owner.query<{ id: string }>(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type,
         types, title, severity_label, severity_normalized, provider_created_at, provider_updated_at,
         record_state, workflow_status, resources, observables, raw, occurrences, first_seen_at, last_seen_at,
         triage_status, triage_attempts, triage_error, verdict, verdict_priority, verdict_explanation,
         verdict_pattern_id, verdict_pattern_scope, verdict_at, enrichment, fingerprint)
       VALUES ($1, 'arn:aws:securityhub:us-east-1::product/aws/guardduty', $2, 'securityhub', $3, $4, $5,
         $6, $7, $8, $9, $10, $10, 'ACTIVE', 'NEW', $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, $24, $25, $26, $27)
       RETURNING id`,
      [
        tenantId,
        `finding-${n}-${row.title}`,
        row.account ?? '111111111111',
        row.region ?? 'us-east-1',
        row.type ?? 'Execution:EC2/MaliciousFile',
        ['TTPs/Discovery'],
        row.title,
        label,
        normalized,
        row.first,
        JSON.stringify([{ Type: 'AwsEc2Instance', Id: `i-${n}` }]),
        JSON.stringify({ ips: ['198.51.100.7'] }),
        JSON.stringify({ Id: `finding-${n}`, Title: row.title, Big: 'x'.repeat(100) }),
        row.occurrences ?? 1,
        row.first,
        row.last ?? row.first,
        row.status ?? 'PENDING',
        row.attempts ?? 0,
        row.error ?? null,
        row.verdict?.verdict ?? null,
        row.verdict?.priority ?? null,
        row.verdict ? `${row.verdict.verdict.toLowerCase()} because of ${row.title}` : null,
        row.verdict?.pattern ?? null,
        row.verdict?.pattern ? 'TENANT' : null,
        row.verdict?.at ?? null,
        row.verdict ? JSON.stringify({ ipIntel: { reputation: 'clean' } }) : null,
        row.verdict ? JSON.stringify({ type: row.type ?? 'Execution:EC2/MaliciousFile' }) : null,
      ],
    );
    ids.set(row.title, result.rows[0].id);
  }

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
    for (const row of A_ROWS) await insert(a.tenant.id, row);
    for (const row of B_ROWS) await insert(b.tenant.id, row);
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

  describe('dead letters', () => {
    const DEAD = `query ($tenantId: ID!, $first: Int, $after: String) {
      deadLetterFindings(tenantId: $tenantId, first: $first, after: $after) {
        edges { node { id title triageStatus triageAttempts triageError triageRequestedAt } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const REPLAY = `mutation ($tenantId: ID!, $findingIds: [ID!]) {
      replayDeadLetters(tenantId: $tenantId, findingIds: $findingIds)
    }`;

    it('lists the dead findings of one tenant for platform admins, with why they died', async () => {
      const first = await gql(app, platformAdmin.token, DEAD, { tenantId: a.tenant.id, first: 1 });
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data.deadLetterFindings.edges.map((e: { node: unknown }) => e.node)).toEqual([
        expect.objectContaining({
          title: 'f8',
          triageStatus: 'DEAD',
          triageAttempts: 5,
          triageError: 'CloudTrail unreachable',
        }),
      ]);
      const second = await gql(app, platformAdmin.token, DEAD, {
        tenantId: a.tenant.id,
        first: 1,
        after: first.body.data.deadLetterFindings.pageInfo.endCursor,
      });
      expect(titlesOf(second.body.data.deadLetterFindings)).toEqual(['f6']);
      expect(second.body.data.deadLetterFindings.pageInfo.hasNextPage).toBe(false);
      const ofB = await gql(app, platformAdmin.token, DEAD, { tenantId: b.tenant.id });
      expect(titlesOf(ofB.body.data.deadLetterFindings)).toEqual(['b2']);
      const unknown = await gql(app, platformAdmin.token, DEAD, { tenantId: randomUUID() });
      expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    });

    it('is closed to tenant admins, analysts and API keys, even for their own tenant', async () => {
      for (const credential of [a.adminToken, a.analystToken, a.apiKey]) {
        const list = await gql(app, credential, DEAD, { tenantId: a.tenant.id });
        expect(list.body.errors[0].extensions.code).toBe('FORBIDDEN');
        const replay = await gql(app, credential, REPLAY, {
          tenantId: a.tenant.id,
          findingIds: [ids.get('f6')],
        });
        expect(replay.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
      const status = await owner.query(`SELECT triage_status FROM findings WHERE id = $1`, [ids.get('f6')]);
      expect(status.rows[0].triage_status).toBe('DEAD');
    });

    it('replays only dead findings of the named tenant, back to PENDING, audited', async () => {
      const res = await gql(app, platformAdmin.token, REPLAY, {
        tenantId: a.tenant.id,
        // f1 is not dead and b2 belongs to tenant B: neither changes.
        findingIds: [ids.get('f6'), ids.get('f1'), ids.get('b2')],
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.replayDeadLetters).toBe(1);

      const rows = await owner.query(
        `SELECT title, triage_status, triage_attempts, triage_error, triage_requested_at > now() - interval '1 minute' AS recent
         FROM findings WHERE id = ANY($1) ORDER BY title`,
        [[ids.get('f6'), ids.get('f1'), ids.get('b2')]],
      );
      expect(rows.rows).toEqual([
        expect.objectContaining({ title: 'b2', triage_status: 'DEAD', triage_attempts: 5 }),
        expect.objectContaining({ title: 'f1', triage_status: 'DONE' }),
        { title: 'f6', triage_status: 'PENDING', triage_attempts: 0, triage_error: null, recent: true },
      ]);
      const remaining = await gql(app, platformAdmin.token, DEAD, { tenantId: a.tenant.id });
      expect(titlesOf(remaining.body.data.deadLetterFindings)).toEqual(['f8']);

      const audit = await gql(
        app,
        platformAdmin.token,
        `query ($t: ID) { auditLog(filter: { tenantId: $t, action: "finding.dead_letters_replayed" }) {
          edges { node { actorType actorId tenantId targetType details } } } }`,
        { t: a.tenant.id },
      );
      expect(audit.body.data.auditLog.edges.map((e: { node: unknown }) => e.node)).toEqual([
        {
          actorType: 'user',
          actorId: platformAdmin.userId,
          tenantId: a.tenant.id,
          targetType: 'finding',
          details: { count: 1, findingIds: [ids.get('f6')], all: false },
        },
      ]);
    });

    it('replays every dead finding of a tenant when no ids are given', async () => {
      const res = await gql(app, platformAdmin.token, REPLAY, { tenantId: b.tenant.id });
      expect(res.body.data.replayDeadLetters).toBe(1);
      const ofB = await gql(app, platformAdmin.token, DEAD, { tenantId: b.tenant.id });
      expect(ofB.body.data.deadLetterFindings.edges).toEqual([]);
      // Tenant A's last dead letter is untouched.
      const ofA = await gql(app, platformAdmin.token, DEAD, { tenantId: a.tenant.id });
      expect(titlesOf(ofA.body.data.deadLetterFindings)).toEqual(['f8']);
      const again = await gql(app, platformAdmin.token, REPLAY, { tenantId: b.tenant.id });
      expect(again.body.data.replayDeadLetters).toBe(0);
    });

    it('refuses malformed ids and an empty list', async () => {
      const bad = await gql(app, platformAdmin.token, REPLAY, {
        tenantId: a.tenant.id,
        findingIds: ['nope'],
      });
      expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const empty = await gql(app, platformAdmin.token, REPLAY, { tenantId: a.tenant.id, findingIds: [] });
      expect(empty.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });
});
