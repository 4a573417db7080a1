import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import { A_ROWS, B_ROWS, insertFindingRow } from '../fixtures/finding-rows.js';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

/** Findings triage gave up on: listed and replayed by platform admins only, one tenant at a time. */
describe('dead letters', () => {
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  let platformAdmin: { userId: string; token: string };
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const ids = new Map<string, string>();

  const titlesOf = (connection: { edges: { node: { title: string } }[] }) =>
    connection.edges.map((e) => e.node.title);

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    a = await seedTenant(app, 'dead-a');
    b = await seedTenant(app, 'dead-b');
    platformAdmin = await seedPlatformUser(app, PlatformRole.PLATFORM_ADMIN);
    for (const row of A_ROWS) await insertFindingRow(owner, ids, a.tenant.id, row);
    for (const row of B_ROWS) await insertFindingRow(owner, ids, b.tenant.id, row);
  });

  afterAll(async () => {
    await app.close();
    await owner.end();
  });

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
