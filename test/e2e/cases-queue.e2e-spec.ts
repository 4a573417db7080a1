import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole, SqlStatementCounter } from '@sieve/core';
import { UserPrincipalsService } from '@sieve/tenancy';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

const PER_TENANT = 30;
const HOUR = 3_600_000;

interface Edge {
  cursor: string;
  node: Record<string, unknown> & { id: string };
}

/**
 * The MSSP analyst's queue: open cases of the assigned tenants in SLA urgency, filtered and paged by
 * keyset; a page of 50 with finding counts, assignees, SLA state and last comments costs a handful of SQL
 * statements, whatever the page size (DataLoader, primed by the page's own statement).
 */
describe('case queue', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let app: NestExpressApplication;
  let tenants: SeededTenant[];
  let unassigned: SeededTenant;
  let analyst: { userId: string; token: string };
  const base = Date.parse('2026-05-04T08:00:00Z');

  /** Cases written as the SLA engine would leave them: a due time on most, none on a few. */
  async function seedCases(t: SeededTenant, assignee: string): Promise<void> {
    for (let n = 1; n <= PER_TENANT; n++) {
      const severity = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'][n % 4];
      const status = n % 10 === 0 ? 'RESOLVED' : n % 3 === 0 ? 'INVESTIGATING' : 'NEW';
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, status, disposition,
           resolution_summary, assignee_id, tags, created_at, sla_due_at, sla_state)
         VALUES ($1, $2, $3, $4, 50, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          t.tenant.id,
          n,
          `Case ${n}`,
          severity,
          5 - (n % 4),
          status,
          status === 'RESOLVED' ? 'FALSE_POSITIVE' : null,
          status === 'RESOLVED' ? 'benign' : null,
          n % 2 === 0 ? assignee : null,
          n % 5 === 0 ? ['phishing'] : [],
          new Date(base + n * 60_000),
          n % 7 === 0 ? null : new Date(base + ((n * 37) % 11) * HOUR),
          n % 6 === 0 ? 'BREACHED' : 'ON_TRACK',
        ],
      );
      const caseId = rows[0].id;
      for (let c = 0; c < n % 3; c++) {
        await owner.query(
          `INSERT INTO case_comments (tenant_id, case_id, author_type, author_id, body, created_at)
           VALUES ($1, $2, 'USER', $3, $4, $5)`,
          [t.tenant.id, caseId, assignee, `comment ${c} on ${n}`, new Date(base + n * 60_000 + c * 1000)],
        );
      }
      for (let f = 0; f < n % 4; f++) {
        const finding = await owner.query<{ id: string }>(
          `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
             title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
             observables, raw)
           VALUES ($1, 'p', $2, 'securityhub', '510000000004', 'us-east-1', 't', '{t}', 'f', 'LOW', 10, now(), now(),
             '[]', '{}', '{}') RETURNING id`,
          [t.tenant.id, `q-${caseId}-${f}`],
        );
        await owner.query(
          `INSERT INTO case_findings (case_id, finding_id, tenant_id, reason) VALUES ($1, $2, $3, 'manual')`,
          [caseId, finding.rows[0].id, t.tenant.id],
        );
      }
    }
  }

  async function queue(query: string, variables: Record<string, unknown> = {}): Promise<Edge[]> {
    const res = await gql(app, analyst.token, query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.caseQueue.edges;
  }

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    analyst = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    tenants = [await seedTenant(app, 'queuea'), await seedTenant(app, 'queueb')];
    unassigned = await seedTenant(app, 'queuec');
    for (const t of tenants) {
      await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
        analyst.userId,
        t.tenant.id,
      ]);
      await seedCases(t, analyst.userId);
    }
    await seedCases(unassigned, unassigned.adminUserId);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  /** The queue as PostgreSQL orders it, for comparison. */
  async function expectedOrder(where = 'TRUE'): Promise<string[]> {
    const { rows } = await owner.query(
      `SELECT id FROM cases WHERE tenant_id = ANY($1) AND status NOT IN ('RESOLVED', 'CLOSED') AND ${where}
       ORDER BY sla_due_at ASC NULLS LAST, priority, created_at, id`,
      [tenants.map((t) => t.tenant.id)],
    );
    return rows.map((r) => r.id);
  }

  it('lists the open cases of the assigned tenants only, most urgent SLA first, then priority, then age', async () => {
    const edges = await queue(
      '{ caseQueue(first: 100) { edges { cursor node { id tenantId status slaDueAt } } } }',
    );
    expect(edges.map((e) => e.node.id)).toEqual(await expectedOrder());
    expect(new Set(edges.map((e) => e.node.tenantId))).toEqual(new Set(tenants.map((t) => t.tenant.id)));
    expect(edges.some((e) => e.node.status === 'RESOLVED')).toBe(false);
    const firstWithoutDue = edges.findIndex((e) => e.node.slaDueAt === null);
    expect(edges.slice(firstWithoutDue).every((e) => e.node.slaDueAt === null)).toBe(true);
  });

  it('pages through the queue by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await gql(
        app,
        analyst.token,
        'query ($after: String) { caseQueue(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page = res.body.data.caseQueue;
      seen.push(...page.edges.map((e: Edge) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(await expectedOrder());
  });

  it.each([
    ['status', { status: ['INVESTIGATING'] }, `status = 'INVESTIGATING'`],
    ['severity', { severity: ['CRITICAL', 'HIGH'] }, `severity_label IN ('CRITICAL', 'HIGH')`],
    ['priority', { priority: [2] }, 'priority = 2'],
    ['unassigned', { unassigned: true }, 'assignee_id IS NULL'],
    ['SLA state', { slaState: ['BREACHED'] }, `sla_state = 'BREACHED'`],
    ['tag', { tag: 'phishing' }, `'phishing' = ANY(tags)`],
  ])('filters by %s', async (_what, filter, where) => {
    const edges = await queue(
      'query ($f: CaseFilterInput) { caseQueue(first: 100, filter: $f) { edges { node { id } } } }',
      {
        f: filter,
      },
    );
    const expected = await expectedOrder(where);
    expect(expected.length).toBeGreaterThan(0);
    expect(edges.map((e) => e.node.id)).toEqual(expected);
  });

  it('filters by tenant and by assignee', async () => {
    const [a] = tenants;
    const byTenant = await queue(
      'query ($t: ID!) { caseQueue(first: 100, filter: { tenantIds: [$t] }) { edges { node { id } } } }',
      {
        t: a.tenant.id,
      },
    );
    expect(byTenant.map((e) => e.node.id)).toEqual(await expectedOrder(`tenant_id = '${a.tenant.id}'`));
    const mine = await queue(
      'query ($u: ID!) { caseQueue(first: 100, filter: { assigneeId: $u }) { edges { node { id } } } }',
      {
        u: analyst.userId,
      },
    );
    expect(mine.map((e) => e.node.id)).toEqual(await expectedOrder(`assignee_id = '${analyst.userId}'`));
  });

  it('costs at most 5 SQL statements for a page of 50 with finding count, assignee, SLA state and last comment', async () => {
    const counter = app.get(SqlStatementCounter);
    const principals = app.get(UserPrincipalsService);
    const resolve = principals.resolve.bind(principals);
    let authentication = 0;
    // Who the caller is comes first and is not the page's cost: measured apart.
    principals.resolve = async (...args: Parameters<typeof resolve>) => {
      const before = counter.total;
      try {
        return await resolve(...args);
      } finally {
        authentication += counter.total - before;
      }
    };
    const statementsFor = async (first: number) => {
      authentication = 0;
      const before = counter.total;
      const res = await gql(
        app,
        analyst.token,
        `query ($first: Int!) { caseQueue(first: $first) { edges { node {
           key findingCount slaState slaDueAt assignee { id displayName } lastComment { body } } } } }`,
        { first },
      );
      expect(res.body.errors).toBeUndefined();
      return {
        edges: res.body.data.caseQueue.edges as Edge[],
        statements: counter.total - before - authentication,
      };
    };
    try {
      const page = await statementsFor(50);
      expect(page.edges).toHaveLength(50);
      // Transaction control, tenant context and the audit record of the cross-tenant read included.
      expect(page.statements).toBeLessThanOrEqual(5);
      expect((await statementsFor(5)).statements).toBe(page.statements);

      const { rows } = await owner.query(
        `SELECT c.id, (SELECT count(*) FROM case_findings cf WHERE cf.case_id = c.id)::int AS findings,
                (SELECT body FROM case_comments m WHERE m.case_id = c.id ORDER BY created_at DESC LIMIT 1) AS last
         FROM cases c WHERE c.tenant_id = ANY($1)`,
        [tenants.map((t) => t.tenant.id)],
      );
      const truth = new Map(rows.map((r) => [r.id, r]));
      const ids = await expectedOrder();
      page.edges.forEach((edge, i) => {
        const expected = truth.get(ids[i]);
        expect(edge.node.findingCount).toBe(expected.findings);
        expect((edge.node.lastComment as { body: string } | null)?.body ?? null).toBe(expected.last);
      });
      const assigned = page.edges.filter((e) => e.node.assignee);
      expect(assigned.length).toBeGreaterThan(0);
      expect(assigned.every((e) => (e.node.assignee as { id: string }).id === analyst.userId)).toBe(true);
    } finally {
      principals.resolve = resolve;
    }
  });
});
