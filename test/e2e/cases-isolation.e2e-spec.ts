import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

/**
 * Cases of another tenant do not exist for these credentials: every read and write answers NOT_FOUND exactly
 * as for an unknown id, for tenant users, API keys and MSSP analysts not assigned to that tenant alike.
 */
describe('case isolation across tenants', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  let analystOfA: { userId: string; token: string };
  let bCase: { id: string; key: string };
  let aCase: { id: string; key: string };
  let bTaskId: string;

  async function create(t: SeededTenant, title: string): Promise<{ id: string; key: string }> {
    const res = await gql(
      app,
      t.adminToken,
      `mutation ($i: CreateCaseInput!) { createCase(input: $i) { id key } }`,
      {
        i: { title, severity: 'HIGH' },
      },
    );
    return res.body.data.createCase;
  }

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    a = await seedTenant(app, 'isoa');
    b = await seedTenant(app, 'isob');
    aCase = await create(a, 'A case');
    bCase = await create(b, 'B case');
    const task = await gql(
      app,
      b.adminToken,
      `mutation ($id: ID!) { addCaseTask(caseId: $id, input: { title: "t" }) { id } }`,
      {
        id: bCase.id,
      },
    );
    bTaskId = task.body.data.addCaseTask.id;
    analystOfA = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
      analystOfA.userId,
      a.tenant.id,
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  const operations: [string, (ids: { kase: string; task: string }) => [string, Record<string, unknown>]][] = [
    ['case(id)', (ids) => ['query ($id: ID!) { case(id: $id) { id } }', { id: ids.kase }]],
    ['claimCase', (ids) => ['mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: ids.kase }]],
    [
      'acknowledgeCase',
      (ids) => ['mutation ($id: ID!) { acknowledgeCase(id: $id) { id } }', { id: ids.kase }],
    ],
    [
      'transitionCase',
      (ids) => [
        'mutation ($id: ID!) { transitionCase(id: $id, to: INVESTIGATING) { id } }',
        { id: ids.kase },
      ],
    ],
    [
      'resolveCase',
      (ids) => [
        'mutation ($id: ID!) { resolveCase(id: $id, disposition: FALSE_POSITIVE, summary: "s") { id } }',
        { id: ids.kase },
      ],
    ],
    ['reopenCase', (ids) => ['mutation ($id: ID!) { reopenCase(id: $id) { id } }', { id: ids.kase }]],
    [
      'addComment',
      (ids) => ['mutation ($id: ID!) { addComment(caseId: $id, body: "hello") { id } }', { id: ids.kase }],
    ],
    [
      'addObservable',
      (ids) => [
        'mutation ($id: ID!) { addObservable(caseId: $id, input: { type: IP, value: "192.0.2.1" }) { id } }',
        { id: ids.kase },
      ],
    ],
    [
      'addCaseTask',
      (ids) => [
        'mutation ($id: ID!) { addCaseTask(caseId: $id, input: { title: "t" }) { id } }',
        { id: ids.kase },
      ],
    ],
    [
      'updateCaseTask',
      (ids) => [
        'mutation ($id: ID!) { updateCaseTask(id: $id, input: { done: true }) { id } }',
        { id: ids.task },
      ],
    ],
    ['addWatcher', (ids) => ['mutation ($id: ID!) { addWatcher(caseId: $id) { id } }', { id: ids.kase }]],
    [
      'updateCase',
      (ids) => [
        'mutation ($id: ID!) { updateCase(id: $id, input: { title: "x" }) { id } }',
        { id: ids.kase },
      ],
    ],
    [
      'moveFindings',
      (ids) => [
        'mutation ($id: ID!) { moveFindings(findingIds: [$id], toCaseId: $id) { id } }',
        { id: ids.kase },
      ],
    ],
  ];

  it.each(operations)(
    "%s with another tenant's case answers NOT_FOUND, as for an unknown id",
    async (name, op) => {
      // Claiming and watching are for people: a key gets BAD_USER_INPUT whatever the id.
      const peopleOnly = ['claimCase', 'addWatcher'].includes(name);
      const credentials = peopleOnly
        ? [a.adminToken, analystOfA.token]
        : [a.adminToken, a.apiKey, analystOfA.token];
      for (const credential of credentials) {
        const [query, foreign] = op({ kase: bCase.id, task: bTaskId });
        const [, unknown] = op({ kase: randomUUID(), task: randomUUID() });
        const [, malformed] = op({ kase: 'not-a-uuid', task: 'not-a-uuid' });
        for (const variables of [foreign, unknown, malformed]) {
          const res = await gql(app, credential, query, variables);
          expect(res.body.data ?? null).toBeNull();
          expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
        }
      }
    },
  );

  it("does not find another tenant's case by key, nor list it", async () => {
    for (const credential of [a.adminToken, analystOfA.token]) {
      const byKey = await gql(app, credential, 'query ($k: String!) { caseByKey(key: $k) { id } }', {
        k: bCase.key,
      });
      expect(byKey.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const list = await gql(app, credential, '{ cases(first: 100) { edges { node { id tenantId } } } }');
      const ids = list.body.data.cases.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(ids).toContain(aCase.id);
      expect(ids).not.toContain(bCase.id);
    }
    const own = await gql(app, a.viewerToken, 'query ($k: String!) { caseByKey(key: $k) { id } }', {
      k: aCase.key,
    });
    expect(own.body.data.caseByKey).toEqual({ id: aCase.id });
  });

  it("shows an MSSP analyst the queue of assigned tenants only, even when asked for another's", async () => {
    const queue = (filter: Record<string, unknown> = {}) =>
      gql(
        app,
        analystOfA.token,
        'query ($f: CaseFilterInput) { caseQueue(first: 100, filter: $f) { edges { node { id tenantId } } } }',
        {
          f: filter,
        },
      );
    const all = await queue();
    const tenants = new Set(
      all.body.data.caseQueue.edges.map((e: { node: { tenantId: string } }) => e.node.tenantId),
    );
    expect([...tenants]).toEqual([a.tenant.id]);
    const asked = await queue({ tenantIds: [b.tenant.id] });
    expect(asked.body.data.caseQueue.edges).toEqual([]);
    // The cross-tenant read is audited, with the tenants it covered.
    const { rows } = await owner.query(
      `SELECT details FROM audit_log WHERE actor_id = $1 AND action = 'analyst.cross_tenant_read' ORDER BY id DESC LIMIT 1`,
      [analystOfA.userId],
    );
    expect(rows[0].details).toMatchObject({ purpose: 'case list', tenantIds: [a.tenant.id] });
  });

  it('gives an analyst no case of a tenant whose assignment was removed', async () => {
    const analyst = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
      analyst.userId,
      b.tenant.id,
    ]);
    const before = await gql(app, analyst.token, 'query ($id: ID!) { case(id: $id) { id } }', {
      id: bCase.id,
    });
    expect(before.body.data.case).toEqual({ id: bCase.id });
    await owner.query(`DELETE FROM analyst_assignments WHERE user_id = $1`, [analyst.userId]);
    const after = await gql(app, analyst.token, 'mutation ($id: ID!) { claimCase(id: $id) { id } }', {
      id: bCase.id,
    });
    expect(after.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it("leaves the other tenant's case untouched after the attempts", async () => {
    const res = await gql(
      app,
      b.adminToken,
      'query ($id: ID!) { case(id: $id) { status title assignee { id } watchers { id } observables { id } lastComment { id } timeline(first: 50) { edges { node { type } } } } }',
      { id: bCase.id },
    );
    expect(res.body.data.case).toEqual({
      status: 'NEW',
      title: 'B case',
      assignee: null,
      watchers: [],
      observables: [],
      lastComment: null,
      timeline: { edges: [{ node: { type: 'CREATED' } }, { node: { type: 'TASK_ADDED' } }] },
    });
  });
});
