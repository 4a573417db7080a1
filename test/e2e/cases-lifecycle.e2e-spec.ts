import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

const CASE =
  'id key number status disposition resolutionSummary acknowledgedAt resolvedAt closedAt assignee { id }';

/**
 * A case's life through the API: each status change is checked against the lifecycle and recorded with its
 * actor; illegal changes answer INVALID_CASE_TRANSITION naming both statuses; claims race fairly.
 */
describe('case lifecycle', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let app: NestExpressApplication;
  let tenant: SeededTenant;
  let analysts: { userId: string; token: string }[];

  async function call(credential: string, query: string, variables?: Record<string, unknown>) {
    const res = await gql(app, credential, query, variables);
    return res.body as {
      data?: Record<string, Record<string, unknown>>;
      errors?: { message: string; extensions: { code: string } }[];
    };
  }

  async function newCase(title = 'Suspicious activity'): Promise<{ id: string; key: string }> {
    const body = await call(
      tenant.adminToken,
      `mutation ($i: CreateCaseInput!) { createCase(input: $i) { ${CASE} } }`,
      { i: { title, severity: 'MEDIUM' } },
    );
    return body.data!.createCase as { id: string; key: string };
  }

  const transition = (credential: string, id: string, to: string) =>
    call(
      credential,
      `mutation ($id: ID!, $to: CaseStatus!) { transitionCase(id: $id, to: $to) { ${CASE} } }`,
      { id, to },
    );
  const resolve = (credential: string, id: string, summary = 'Confirmed and contained') =>
    call(
      credential,
      `mutation ($id: ID!, $s: String!) { resolveCase(id: $id, disposition: TRUE_POSITIVE, summary: $s, learn: false) { ${CASE} } }`,
      { id, s: summary },
    );
  const reopen = (credential: string, id: string) =>
    call(credential, `mutation ($id: ID!) { reopenCase(id: $id) { ${CASE} } }`, { id });

  async function timeline(
    id: string,
  ): Promise<{ type: string; actorType: string; actorId: string; data: Record<string, unknown> }[]> {
    const body = await call(
      tenant.adminToken,
      `query ($id: ID!) { case(id: $id) { timeline(first: 100) { edges { node { type actorType actorId data } } } } }`,
      { id },
    );
    return (body.data!.case.timeline as { edges: { node: never }[] }).edges.map((e) => e.node);
  }

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    tenant = await seedTenant(app, 'caselife');
    analysts = [];
    for (let i = 0; i < 2; i++) {
      const analyst = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
      await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
        analyst.userId,
        tenant.tenant.id,
      ]);
      analysts.push(analyst);
    }
  });

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  it('walks NEW → ACKNOWLEDGED → INVESTIGATING → CONTAINMENT → RESOLVED → CLOSED and reopens, with a timeline entry per change', async () => {
    const { id, key } = await newCase();
    expect(key).toMatch(new RegExp(`^${tenant.tenant.slug.toUpperCase()}-\\d+$`));
    const analyst = analysts[0];

    const acked = await call(analyst.token, `mutation ($id: ID!) { acknowledgeCase(id: $id) { ${CASE} } }`, {
      id,
    });
    expect(acked.data!.acknowledgeCase).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: expect.any(String),
    });
    for (const to of ['INVESTIGATING', 'CONTAINMENT', 'PENDING_CUSTOMER', 'INVESTIGATING']) {
      expect((await transition(analyst.token, id, to)).data!.transitionCase.status).toBe(to);
    }
    const resolved = await resolve(analyst.token, id);
    expect(resolved.data!.resolveCase).toMatchObject({
      status: 'RESOLVED',
      disposition: 'TRUE_POSITIVE',
      resolutionSummary: 'Confirmed and contained',
      resolvedAt: expect.any(String),
    });
    expect((await transition(analyst.token, id, 'CLOSED')).data!.transitionCase).toMatchObject({
      status: 'CLOSED',
      closedAt: expect.any(String),
    });
    expect((await reopen(tenant.analystToken, id)).data!.reopenCase).toMatchObject({
      status: 'INVESTIGATING',
      disposition: null,
      resolutionSummary: null,
      resolvedAt: null,
      closedAt: null,
    });

    const entries = await timeline(id);
    expect(entries.map((e) => [e.type, e.data.from ?? null, e.data.to ?? null])).toEqual([
      ['CREATED', null, null],
      ['STATUS_CHANGED', 'NEW', 'ACKNOWLEDGED'],
      ['STATUS_CHANGED', 'ACKNOWLEDGED', 'INVESTIGATING'],
      ['STATUS_CHANGED', 'INVESTIGATING', 'CONTAINMENT'],
      ['STATUS_CHANGED', 'CONTAINMENT', 'PENDING_CUSTOMER'],
      ['STATUS_CHANGED', 'PENDING_CUSTOMER', 'INVESTIGATING'],
      ['STATUS_CHANGED', 'INVESTIGATING', 'RESOLVED'],
      ['RESOLVED', null, null],
      ['STATUS_CHANGED', 'RESOLVED', 'CLOSED'],
      ['STATUS_CHANGED', 'CLOSED', 'INVESTIGATING'],
      ['REOPENED', null, 'INVESTIGATING'],
    ]);
    expect(entries[1]).toMatchObject({ actorType: 'USER', actorId: analyst.userId });
    expect(entries[7].data).toEqual({
      disposition: 'TRUE_POSITIVE',
      summary: 'Confirmed and contained',
      learn: false,
    });
    const { rows } = await owner.query(
      `SELECT action, actor_id FROM audit_log WHERE target_id = $1 AND action = 'case.resolved'`,
      [id],
    );
    expect(rows).toEqual([{ action: 'case.resolved', actor_id: analyst.userId }]);
  });

  const illegal: [string, string[], (id: string) => ReturnType<typeof call>, string, RegExp][] = [
    [
      'NEW to CLOSED',
      [],
      (id) => transition(tenant.adminToken, id, 'CLOSED'),
      'INVALID_CASE_TRANSITION',
      /from NEW to CLOSED/,
    ],
    [
      'NEW to NEW',
      [],
      (id) => transition(tenant.adminToken, id, 'NEW'),
      'INVALID_CASE_TRANSITION',
      /from NEW to NEW/,
    ],
    [
      'back to ACKNOWLEDGED',
      ['INVESTIGATING'],
      (id) => transition(tenant.adminToken, id, 'ACKNOWLEDGED'),
      'INVALID_CASE_TRANSITION',
      /from INVESTIGATING to ACKNOWLEDGED/,
    ],
    [
      'RESOLVED to CONTAINMENT',
      ['RESOLVE'],
      (id) => transition(tenant.adminToken, id, 'CONTAINMENT'),
      'INVALID_CASE_TRANSITION',
      /from RESOLVED to CONTAINMENT/,
    ],
    [
      'CLOSED to ACKNOWLEDGED',
      ['RESOLVE', 'CLOSED'],
      (id) => transition(tenant.adminToken, id, 'ACKNOWLEDGED'),
      'INVALID_CASE_TRANSITION',
      /from CLOSED to ACKNOWLEDGED/,
    ],
    [
      'a reopen of an open case',
      ['INVESTIGATING'],
      (id) => reopen(tenant.adminToken, id),
      'INVALID_CASE_TRANSITION',
      /RESOLVED or CLOSED/,
    ],
    [
      'a resolve of a closed case',
      ['RESOLVE', 'CLOSED'],
      (id) => resolve(tenant.adminToken, id),
      'INVALID_CASE_TRANSITION',
      /from CLOSED to RESOLVED/,
    ],
    [
      'a resolve without the mutation that asks for a disposition',
      [],
      (id) => transition(tenant.adminToken, id, 'RESOLVED'),
      'BAD_USER_INPUT',
      /use resolveCase/,
    ],
    [
      'a resolve without a summary',
      [],
      (id) => resolve(tenant.adminToken, id, '   '),
      'BAD_USER_INPUT',
      /summary/,
    ],
  ];

  it.each(illegal)(
    'refuses %s, leaving status and timeline as they were',
    async (_what, path, attempt, code, message) => {
      const { id } = await newCase();
      for (const step of path) {
        const done =
          step === 'RESOLVE'
            ? await resolve(tenant.adminToken, id)
            : await transition(tenant.adminToken, id, step);
        expect(done.errors).toBeUndefined();
      }
      const before = await timeline(id);
      const refused = await attempt(id);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors![0].extensions.code).toBe(code);
      expect(refused.errors![0].message).toMatch(message);
      expect(await timeline(id)).toEqual(before);
    },
  );

  it('lets exactly one of two analysts claiming at once win; the other gets CASE_ALREADY_CLAIMED', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await newCase(`Race ${round}`);
      const claim = (token: string) =>
        call(token, `mutation ($id: ID!) { claimCase(id: $id) { assignee { id } } }`, { id });
      const results = await Promise.all(analysts.map((a) => claim(a.token)));
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map((r) => r.errors![0].extensions.code)).toEqual(['CASE_ALREADY_CLAIMED']);
      const winner = (winners[0].data!.claimCase.assignee as { id: string }).id;
      expect(analysts.map((a) => a.userId)).toContain(winner);
      const claims = (await timeline(id)).filter((e) => e.type === 'CLAIMED');
      expect(claims).toEqual([expect.objectContaining({ actorId: winner, data: { assigneeId: winner } })]);
      // The winner claiming again changes nothing.
      const again = await claim(analysts.find((a) => a.userId === winner)!.token);
      expect(again.errors).toBeUndefined();
    }
  });

  it('assigns only people who work the tenant, and lets a viewer comment on but not change the case', async () => {
    const { id } = await newCase();
    const assign = (assigneeId: string) =>
      call(
        tenant.adminToken,
        `mutation ($id: ID!, $a: ID) { assignCase(id: $id, assigneeId: $a) { assignee { id } } }`,
        {
          id,
          a: assigneeId,
        },
      );
    const outsider = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    expect((await assign(outsider.userId)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await assign(analysts[1].userId)).data!.assignCase).toEqual({
      assignee: { id: analysts[1].userId },
    });

    expect((await transition(tenant.viewerToken, id, 'INVESTIGATING')).errors![0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const comment = await call(
      tenant.viewerToken,
      `mutation ($id: ID!) { addComment(caseId: $id, body: "Is this **our** scanner?") { body authorType author { id } } }`,
      { id },
    );
    expect(comment.data!.addComment).toMatchObject({ body: 'Is this **our** scanner?', authorType: 'USER' });
  });

  it('keeps observables, tasks, watchers, tags and comments, each change on the timeline', async () => {
    const { id } = await newCase();
    const analyst = analysts[0];
    const observable = (value: string) =>
      call(
        analyst.token,
        `mutation ($id: ID!, $v: String!) { addObservable(caseId: $id, input: { type: DOMAIN, value: $v }) { id type value source } }`,
        { id, v: value },
      );
    const added = await observable('Evil.Example.COM');
    expect(added.data!.addObservable).toMatchObject({
      type: 'DOMAIN',
      value: 'evil.example.com',
      source: 'MANUAL',
    });
    expect((await observable('evil.example.com')).data!.addObservable.id).toBe(added.data!.addObservable.id);
    expect((await observable('not a domain')).errors![0].extensions.code).toBe('BAD_USER_INPUT');

    const task = await call(
      analyst.token,
      `mutation ($id: ID!, $a: ID) { addCaseTask(caseId: $id, input: { title: "Rotate the key", assigneeId: $a, dueAt: "2026-06-01T12:00:00Z" }) { id done assignee { id } } }`,
      { id, a: analyst.userId },
    );
    const taskId = task.data!.addCaseTask.id as string;
    const done = await call(
      analyst.token,
      `mutation ($t: ID!) { updateCaseTask(id: $t, input: { done: true }) { done doneAt } }`,
      { t: taskId },
    );
    expect(done.data!.updateCaseTask).toEqual({ done: true, doneAt: expect.any(String) });
    await call(analyst.token, `mutation ($id: ID!) { addWatcher(caseId: $id) { id } }`, { id });
    await call(
      analyst.token,
      `mutation ($id: ID!) { updateCase(id: $id, input: { severity: HIGH, tags: ["ransomware"] }) { id } }`,
      { id },
    );
    await call(tenant.adminToken, `mutation ($id: ID!) { addComment(caseId: $id, body: "first") { id } }`, {
      id,
    });
    await call(analyst.token, `mutation ($id: ID!) { addComment(caseId: $id, body: "second") { id } }`, {
      id,
    });

    const read = await call(
      tenant.adminToken,
      `query ($id: ID!) { case(id: $id) { severityLabel priority tags watchers { id } tasks { title done }
         observables { type value } lastComment { body author { id } } comments(first: 10) { edges { node { body } } } } }`,
      { id },
    );
    expect(read.data!.case).toEqual({
      severityLabel: 'HIGH',
      priority: 2,
      tags: ['ransomware'],
      watchers: [{ id: analyst.userId }],
      tasks: [{ title: 'Rotate the key', done: true }],
      observables: [{ type: 'DOMAIN', value: 'evil.example.com' }],
      lastComment: { body: 'second', author: { id: analyst.userId } },
      comments: { edges: [{ node: { body: 'second' } }, { node: { body: 'first' } }] },
    });
    expect((await timeline(id)).map((e) => e.type)).toEqual([
      'CREATED',
      'OBSERVABLE_ADDED',
      'TASK_ADDED',
      'TASK_UPDATED',
      'WATCHER_ADDED',
      'SEVERITY_CHANGED',
      'TAGS_CHANGED',
      'COMMENTED',
      'COMMENTED',
    ]);
  });
});
