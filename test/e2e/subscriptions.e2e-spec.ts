import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Clock, ManualClock, PlatformRole } from '@sieve/core';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

interface CaseUpdate {
  caseId: string;
  tenantId: string;
  changes: string[];
  case: { key: string; status: string; lastComment: { body: string } | null };
}

interface Subscription {
  updates: CaseUpdate[];
  errors: unknown[];
  /** Settles when the server ends the subscription (with an error or completion). */
  ended: Promise<void>;
  dispose: () => void;
}

const CASE_UPDATED = `subscription ($caseId: ID) {
  caseUpdated(caseId: $caseId) { caseId tenantId changes case { key status lastComment { body } } } }`;

async function until<T>(probe: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * GraphQL subscriptions over graphql-ws: authenticated at connect with the HTTP API's credentials, fed by
 * PostgreSQL NOTIFY from whichever process changed the case, and authorised per event, so a tenant never
 * sees another tenant's change and an MSSP analyst sees only the tenants assigned to them.
 */
describe('caseUpdated subscription', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const clients: Client[] = [];
  let api: NestExpressApplication;
  let wsUrl: string;
  let acme: SeededTenant;
  let globex: SeededTenant;

  function client(connectionParams: Record<string, unknown>): Client {
    const c = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    clients.push(c);
    return c;
  }

  function subscribe(c: Client, variables: Record<string, unknown> = {}, query = CASE_UPDATED): Subscription {
    const updates: CaseUpdate[] = [];
    const errors: unknown[] = [];
    let dispose: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      dispose = c.subscribe<{ caseUpdated: CaseUpdate }>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) errors.push(...result.errors);
            if (result.data) updates.push(result.data.caseUpdated);
          },
          error: (error) => {
            errors.push(error);
            resolve();
          },
          complete: resolve,
        },
      );
    });
    return { updates, errors, ended, dispose };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function createCase(tenant: SeededTenant, title: string): Promise<{ id: string; key: string }> {
    const res = await gql(
      api,
      tenant.adminToken,
      'mutation ($t: String!) { createCase(input: { title: $t, severity: HIGH }) { id key } }',
      {
        t: title,
      },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createCase;
  }

  async function comment(tenant: SeededTenant, caseId: string, body: string): Promise<void> {
    const res = await gql(
      api,
      tenant.adminToken,
      'mutation ($id: ID!, $b: String!) { addComment(caseId: $id, body: $b) { id } }',
      { id: caseId, b: body },
    );
    expect(res.body.errors).toBeUndefined();
  }

  /**
   * Changes the case until the subscriber has heard of one: the subscription is then live for sure, so
   * what it does not receive afterwards it was not sent.
   */
  async function live(sub: Subscription, tenant: SeededTenant, caseId: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (sub.updates.length === 0) {
      if (Date.now() > deadline)
        throw new Error(`subscription never went live: ${JSON.stringify(sub.errors)}`);
      await comment(tenant, caseId, 'ping');
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  beforeAll(async () => {
    await owner.connect();
    api = await createTestApp();
    await api.listen(0, '127.0.0.1');
    wsUrl = `ws://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}/graphql`;
    acme = await seedTenant(api, 'subs-acme');
    globex = await seedTenant(api, 'subs-globex');
  }, 30_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await api?.close();
    await owner.end();
  });

  it("gives a tenant its own case changes and never another tenant's", async () => {
    const mine = await createCase(acme, 'Credential exfiltration');
    const sub = subscribe(client(bearer(acme.analystToken)));
    await live(sub, acme, mine.id);

    const theirs = await createCase(globex, 'Port probe');
    await comment(globex, theirs.id, 'not for acme');
    await comment(acme, mine.id, 'after globex');
    await until(() => sub.updates.find((u) => u.case.lastComment?.body === 'after globex'), 'acme’s change');

    expect(sub.errors).toEqual([]);
    expect(new Set(sub.updates.map((u) => u.tenantId))).toEqual(new Set([acme.tenant.id]));
    expect(sub.updates.map((u) => u.caseId)).not.toContain(theirs.id);
    expect(sub.updates.at(-1)).toMatchObject({
      caseId: mine.id,
      changes: ['COMMENTED'],
      case: { key: mine.key },
    });
    sub.dispose();
  });

  it('executes every event afresh: nested fields show the case as it is now', async () => {
    const kase = await createCase(acme, 'Fresh loaders');
    const sub = subscribe(client({ 'x-api-key': acme.apiKey }), { caseId: kase.id });
    await live(sub, acme, kase.id);
    for (const body of ['first', 'second', 'third']) await comment(acme, kase.id, body);
    await until(() => (sub.updates.length >= 4 ? true : undefined), 'three more updates');
    expect(sub.updates.slice(-3).map((u) => u.case.lastComment?.body)).toEqual(['first', 'second', 'third']);
    sub.dispose();
  });

  it('gives an MSSP analyst the changes of assigned tenants only', async () => {
    const analyst = await seedPlatformUser(api, PlatformRole.MSSP_ANALYST);
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
      analyst.userId,
      acme.tenant.id,
    ]);
    const assigned = await createCase(acme, 'Assigned tenant');
    const unassigned = await createCase(globex, 'Unassigned tenant');
    const sub = subscribe(client(bearer(analyst.token)));
    await live(sub, acme, assigned.id);

    await comment(globex, unassigned.id, 'not for the analyst');
    await comment(acme, assigned.id, 'for the analyst');
    await until(
      () => sub.updates.find((u) => u.case.lastComment?.body === 'for the analyst'),
      'the assigned change',
    );
    expect(new Set(sub.updates.map((u) => u.tenantId))).toEqual(new Set([acme.tenant.id]));

    const audit = await owner.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'analyst.cross_tenant_read'
         AND details->>'purpose' = 'caseUpdated subscription'`,
      [analyst.userId],
    );
    expect(audit.rows[0].n).toBe(1);
    sub.dispose();

    // The analyst cannot follow one case of a tenant not assigned to them: it answers like an unknown one.
    const foreign = subscribe(client(bearer(analyst.token)), { caseId: unassigned.id });
    await foreign.ended;
    expect(JSON.stringify(foreign.errors)).toContain('NOT_FOUND');
  });

  it('answers NOT_FOUND for one case of another tenant, an unknown one or a malformed id', async () => {
    const theirs = await createCase(globex, 'Not yours');
    for (const caseId of [theirs.id, '00000000-0000-4000-8000-000000000000', 'ACME-1']) {
      const sub = subscribe(client(bearer(acme.adminToken)), { caseId });
      await sub.ended;
      expect(JSON.stringify(sub.errors)).toContain('NOT_FOUND');
    }
  });

  it('refuses connections without a valid credential', async () => {
    for (const params of [{}, bearer('not-a-token'), { 'x-api-key': 'sv_unknown_key' }]) {
      const sub = subscribe(client(params));
      await sub.ended;
      expect(sub.errors).toHaveLength(1);
      expect((sub.errors[0] as { code?: number }).code).toBe(4403);
    }
  });

  it('carries subscriptions only: queries go over HTTP', async () => {
    const sub = subscribe(
      client(bearer(acme.adminToken)),
      {},
      '{ webhookEndpoints { edges { node { id } } } }',
    );
    await sub.ended;
    expect(JSON.stringify(sub.errors)).toContain('Only subscriptions are served over WebSocket');
  });
});

/** A subscription lasts only as long as its credential: it is re-checked as events flow. */
describe('caseUpdated subscription with a revoked credential', () => {
  // Starts at the real time (tokens are checked against it) and moves only when told to.
  const clock = new ManualClock(new Date());
  let api: NestExpressApplication;
  let tenant: SeededTenant;
  let client: Client;

  beforeAll(async () => {
    api = await createTestApp({ override: (b) => b.overrideProvider(Clock).useValue(clock) });
    await api.listen(0, '127.0.0.1');
    tenant = await seedTenant(api, 'subs-revoked');
  }, 30_000);

  afterAll(async () => {
    await client?.dispose();
    await api?.close();
  });

  it('ends the subscription once the API key is revoked', async () => {
    const created = await gql(
      api,
      tenant.adminToken,
      'mutation { createApiKey(input: { name: "dashboard", scopes: [READ] }) { secret apiKey { id } } }',
    );
    const { secret, apiKey } = created.body.data.createApiKey;
    const kase = await gql(
      api,
      tenant.adminToken,
      'mutation { createCase(input: { title: "Watched", severity: LOW }) { id } }',
    );
    const caseId = kase.body.data.createCase.id;
    const change = (body: string) =>
      gql(
        api,
        tenant.adminToken,
        'mutation ($id: ID!, $b: String!) { addComment(caseId: $id, body: $b) { id } }',
        {
          id: caseId,
          b: body,
        },
      );

    const url = `ws://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}/graphql`;
    client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': secret },
      retryAttempts: 0,
    });
    const updates: unknown[] = [];
    const errors: unknown[] = [];
    const ended = new Promise<void>((resolve) =>
      client.subscribe(
        { query: 'subscription { caseUpdated { caseId } }' },
        {
          next: (r) => (r.errors ? errors.push(...r.errors) : updates.push(r.data)),
          error: (e) => {
            errors.push(e);
            resolve();
          },
          complete: resolve,
        },
      ),
    );
    const deadline = Date.now() + 10_000;
    while (updates.length === 0 && Date.now() < deadline) {
      await change('ping');
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(updates.length).toBeGreaterThan(0);

    await gql(api, tenant.adminToken, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: apiKey.id,
    });
    clock.advance(60_000);
    await change('after revocation');
    await ended;
    expect(JSON.stringify(errors)).toContain('Subscription ended: API key is unknown, revoked or expired');
  });
});
