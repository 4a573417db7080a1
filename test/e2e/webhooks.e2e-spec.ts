import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, UnitOfWork, loadConfig } from '@sieve/core';
import { type OutboundEvent, WebhookEventType, WebhookOutbox } from '@sieve/notify';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A customer's webhook receiver on 127.0.0.1: records requests, answers queued statuses (then 200). */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sieve`,
    received,
    answer: (...codes: number[]) => statuses.push(...codes),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const headersOf = (r: Received) => ({
  'webhook-id': r.headers['webhook-id'] as string,
  'webhook-timestamp': r.headers['webhook-timestamp'] as string,
  'webhook-signature': r.headers['webhook-signature'] as string,
});

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled } } }`;
const DELIVERIES = `query ($id: ID!, $status: WebhookDeliveryStatus) {
  webhookDeliveries(endpointId: $id, status: $status) { edges { node {
    id messageId eventType status attempts lastStatusCode lastError nextAttemptAt deliveredAt } } } }`;

/**
 * Outbound webhooks end to end: tenant admins manage endpoints over GraphQL, the API and the worker share
 * the outbox, and the worker delivers signed messages (verified here with the `standardwebhooks` library)
 * to a receiver on 127.0.0.1, retrying with backoff.
 */
describe('outbound webhooks', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const RETRY_BASE_MS = 300;
  let api: NestExpressApplication;
  let worker: TestingModule;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let acme: SeededTenant;
  let other: SeededTenant;

  /** A change of the tenant that commits (or, with `fail`, rolls back) with its webhook in the outbox. */
  async function change(tenant: SeededTenant, event: Partial<OutboundEvent> = {}, fail = false) {
    const tenantId = tenant.tenant.id;
    const work = api.get(UnitOfWork).withTenant(tenantId, async (manager) => {
      await api.get(WebhookOutbox).enqueue(manager, tenantId, {
        sourceId: randomUUID(),
        type: WebhookEventType.CASE_CREATED,
        at: new Date(),
        data: { case: { key: 'ACME-1' } },
        ...event,
      });
      if (fail) throw new Error('the change failed after writing its webhook');
    });
    return fail ? work.catch(() => undefined) : work;
  }

  async function createEndpoint(tenant: SeededTenant, eventTypes = ['CASE_CREATED', 'CASE_UPDATED']) {
    const res = await gql(api, tenant.adminToken, CREATE, {
      input: { url: receiver.url, eventTypes, description: 'SIEM' },
    });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
  }

  const deliveries = async (tenant: SeededTenant, endpointId: string) => {
    const res = await gql(api, tenant.adminToken, DELIVERIES, { id: endpointId });
    expect(res.body.errors).toBeUndefined();
    return (res.body.data.webhookDeliveries.edges as { node: Record<string, unknown> }[]).map((e) => e.node);
  };

  beforeAll(async () => {
    await owner.connect();
    receiver = await startReceiver();
    const config = {
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      WEBHOOK_MAX_ATTEMPTS: '4',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_SWEEP_MS: '300',
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:webhooks-${randomBytes(3).toString('hex')}`,
    };
    api = await createTestApp({ config });
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .compile();
    await worker.init();
    acme = await seedTenant(api, 'hooks');
    other = await seedTenant(api, 'hooks-other');
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await owner.end();
  });

  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('lets a tenant admin manage endpoints; the secret is shown on creation and rotation only', async () => {
    const { secret, endpoint } = await createEndpoint(acme);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const fields = await gql(api, acme.adminToken, '{ __type(name: "WebhookEndpoint") { fields { name } } }');
    expect(fields.body.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('secret');
    const listed = await gql(
      api,
      acme.apiKey,
      '{ webhookEndpoints { edges { node { id url description } } } }',
    );
    expect(listed.body.data.webhookEndpoints.edges).toContainEqual({
      node: { id: endpoint.id, url: receiver.url, description: 'SIEM' },
    });

    const updated = await gql(
      api,
      acme.adminToken,
      `mutation ($id: ID!) { updateWebhookEndpoint(id: $id, input: { eventTypes: [CASE_RESOLVED, SLA_BREACHED] }) {
        eventTypes enabled } }`,
      { id: endpoint.id },
    );
    expect(updated.body.data.updateWebhookEndpoint).toEqual({
      eventTypes: ['CASE_RESOLVED', 'SLA_BREACHED'],
      enabled: true,
    });
    const rotated = await gql(
      api,
      acme.adminToken,
      'mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretExpiresAt } } }',
      { id: endpoint.id },
    );
    expect(rotated.body.data.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.rotateWebhookSecret.secret).not.toBe(secret);
    expect(rotated.body.data.rotateWebhookSecret.endpoint.previousSecretExpiresAt).not.toBeNull();

    const disabled = await gql(
      api,
      acme.adminToken,
      'mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { enabled disabledReason } }',
      { id: endpoint.id },
    );
    expect(disabled.body.data.disableWebhookEndpoint).toEqual({
      enabled: false,
      disabledReason: 'Disabled by an administrator',
    });
    const deleted = await gql(
      api,
      acme.adminToken,
      'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }',
      {
        id: endpoint.id,
      },
    );
    expect(deleted.body.data.deleteWebhookEndpoint).toBe(endpoint.id);

    const audit = await owner.query(
      `SELECT action, details::text FROM audit_log WHERE tenant_id = $1 AND target_id = $2 ORDER BY created_at`,
      [acme.tenant.id, endpoint.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.updated',
      'webhook_endpoint.secret_rotated',
      'webhook_endpoint.disabled',
      'webhook_endpoint.deleted',
    ]);
    expect(audit.rows.map((r) => r.details).join()).not.toContain('whsec_');
  });

  it('is for tenant admins only', async () => {
    for (const token of [acme.analystToken, acme.viewerToken]) {
      const res = await gql(api, token, '{ webhookEndpoints { edges { node { id } } } }');
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it("answers NOT_FOUND for another tenant's endpoint or delivery, as for an unknown or malformed id", async () => {
    const { endpoint } = await createEndpoint(other);
    await change(other);
    const [delivery] = await eventually(async () => {
      const rows = await deliveries(other, endpoint.id);
      return rows.length ? rows : undefined;
    }, 'the other tenant’s delivery');
    for (const [query, vars] of [
      [DELIVERIES, { id: endpoint.id }],
      ['mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: delivery.id }],
      ['mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { id } }', { id: endpoint.id }],
      ['query ($id: ID!) { webhookEndpoint(id: $id) { id } }', { id: randomUUID() }],
      ['query ($id: ID!) { webhookEndpoint(id: $id) { id } }', { id: 'not-a-uuid' }],
    ] as const) {
      const res = await gql(api, acme.adminToken, query, vars);
      expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('refuses private and link-local targets even with insecure targets allowed', async () => {
    for (const url of [
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]/',
    ]) {
      const res = await gql(api, acme.adminToken, CREATE, { input: { url, eventTypes: ['CASE_CREATED'] } });
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('delivers a signed message that the standardwebhooks library verifies', async () => {
    const { secret, endpoint } = await createEndpoint(acme);
    await change(acme, { data: { case: { key: 'HOOKS-7', status: 'NEW' } } });
    const [message] = await eventually(
      () => (receiver.received.length ? receiver.received : undefined),
      'a webhook',
    );
    expect(new Webhook(secret).verify(message.body, headersOf(message))).toMatchObject({
      type: 'case.created',
      data: { case: { key: 'HOOKS-7', status: 'NEW' } },
    });
    const [logged] = await eventually(async () => {
      const rows = await deliveries(acme, endpoint.id);
      return rows[0]?.status === 'DELIVERED' ? rows : undefined;
    }, 'the delivery log');
    expect(logged).toMatchObject({
      eventType: 'CASE_CREATED',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(logged.messageId).toBe(message.headers['webhook-id']);
    await gql(api, acme.adminToken, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
      id: endpoint.id,
    });
  });

  it('retries with exponential backoff against a receiver that fails twice, keeping the webhook-id', async () => {
    const { secret, endpoint } = await createEndpoint(acme);
    receiver.answer(500, 503);
    await change(acme);
    const attempts = await eventually(
      () => (receiver.received.length >= 3 ? receiver.received.slice(0, 3) : undefined),
      'three attempts',
    );
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const attempt of attempts)
      expect(() => new Webhook(secret).verify(attempt.body, headersOf(attempt))).not.toThrow();
    // Equal jitter: the n-th retry waits between half and all of base × 2^(n-1).
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2 - 20);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(RETRY_BASE_MS - 20);
    const [logged] = await eventually(async () => {
      const rows = await deliveries(acme, endpoint.id);
      return rows[0]?.status === 'DELIVERED' ? rows : undefined;
    }, 'the delivery to succeed');
    expect(logged).toMatchObject({ attempts: 3, lastStatusCode: 200, nextAttemptAt: null });
    await gql(api, acme.adminToken, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
      id: endpoint.id,
    });
  });

  it('marks a delivery FAILED once its attempts are spent; a redelivery sends it again with the same webhook-id', async () => {
    const { endpoint } = await createEndpoint(acme);
    receiver.answer(500, 500, 500, 500);
    await change(acme);
    const [failed] = await eventually(async () => {
      const rows = await deliveries(acme, endpoint.id);
      return rows[0]?.status === 'FAILED' ? rows : undefined;
    }, 'the delivery to fail');
    expect(failed).toMatchObject({
      attempts: 4,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: null,
    });
    const failedOnly = await gql(api, acme.adminToken, DELIVERIES, { id: endpoint.id, status: 'DELIVERED' });
    expect(failedOnly.body.data.webhookDeliveries.edges).toEqual([]);

    const redelivered = await gql(
      api,
      acme.adminToken,
      'mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { status attempts messageId } }',
      { id: failed.id },
    );
    expect(redelivered.body.data.redeliverWebhook).toEqual({
      status: 'PENDING',
      attempts: 0,
      messageId: failed.messageId,
    });
    const all = await eventually(
      () => (receiver.received.length >= 5 ? receiver.received : undefined),
      'the redelivery',
    );
    expect(all[4].headers['webhook-id']).toBe(failed.messageId);
    await eventually(async () => {
      const rows = await deliveries(acme, endpoint.id);
      return rows[0]?.status === 'DELIVERED' && rows[0].attempts === 1 ? rows : undefined;
    }, 'the redelivery to be logged');
    await gql(api, acme.adminToken, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
      id: endpoint.id,
    });
  });

  it('sends nothing for a change that rolls back', async () => {
    const { endpoint } = await createEndpoint(acme);
    await change(acme, { data: { which: 'rolled back' } }, true);
    await change(acme, { data: { which: 'committed' } });
    await eventually(() => (receiver.received.length ? true : undefined), 'the committed change’s webhook');
    // Give a stray delivery the time to arrive, then check there is none.
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received.map((r) => JSON.parse(r.body).data.which)).toEqual(['committed']);
    expect(await deliveries(acme, endpoint.id)).toHaveLength(1);
    await gql(api, acme.adminToken, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
      id: endpoint.id,
    });
  });

  it('sends a delivery whose wake-up was lost: PostgreSQL, not Redis, holds the work', async () => {
    const { endpoint } = await createEndpoint(acme);
    // Written behind the application's back: no NOTIFY, no job. Only the sweeper can find it.
    await owner.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at)
       VALUES ($1, $2, 'msg_lost', 'case.created', '{"type":"case.created","timestamp":"2026-01-01T00:00:00Z","data":{}}', now())`,
      [acme.tenant.id, endpoint.id],
    );
    const [message] = await eventually(
      () => (receiver.received.length ? receiver.received : undefined),
      'the sweep',
    );
    expect(message.headers['webhook-id']).toBe('msg_lost');
    await gql(api, acme.adminToken, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
      id: endpoint.id,
    });
  });
});
