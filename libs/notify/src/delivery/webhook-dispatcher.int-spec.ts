import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AuditModule,
  Clock,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  ManualClock,
  RedisModule,
  type SystemActor,
  UnitOfWork,
} from '@sieve/core';
import { TenancyModule } from '@sieve/tenancy';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { NotifyModule } from '../notify.module.js';
import { PgChannel } from '../pg/pg-channel.js';
import { PgPubSub } from '../pg/pg-pubsub.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';
import { WebhookEventType } from '../webhooks/webhook-event-type.js';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service.js';
import { type OutboundEvent, WebhookOutbox } from '../webhooks/webhook-outbox.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

const ACTOR: SystemActor = { kind: 'system', name: 'test' };
const BASE_MS = 60_000;
const MAX_ATTEMPTS = 3;

/** The outbox and the dispatcher against PostgreSQL and a real HTTP receiver, on a clock the test moves. */
describe('webhook outbox and dispatcher', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  // standardwebhooks checks the signed timestamp against the real time: start the manual clock at it.
  const clock = new ManualClock(new Date());
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let outbox: WebhookOutbox;
  let dispatcher: WebhookDispatcher;
  let endpoints: WebhookEndpointsService;
  let receiver: WebhookReceiver;

  async function tenant(): Promise<string> {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [id, `hooks-${id.slice(0, 8)}`],
    );
    return id;
  }

  async function endpoint(
    tenantId: string,
    eventTypes = [WebhookEventType.CASE_CREATED],
    url = receiver.url,
  ) {
    return endpoints.create(ACTOR, tenantId, { url, eventTypes });
  }

  const event = (patch: Partial<OutboundEvent> = {}): OutboundEvent => ({
    sourceId: randomUUID(),
    type: WebhookEventType.CASE_CREATED,
    at: clock.now(),
    data: { case: { key: 'ACME-1' } },
    ...patch,
  });

  const enqueue = (tenantId: string, e: OutboundEvent) =>
    uow.withTenant(tenantId, (m) => outbox.enqueue(m, tenantId, e));

  const deliveries = async (tenantId: string) =>
    (
      await owner.query(`SELECT * FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY created_at, id`, [
        tenantId,
      ])
    ).rows;

  beforeAll(async () => {
    await owner.connect();
    receiver = await WebhookReceiver.start();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
          WEBHOOK_RETRY_BASE_MS: String(BASE_MS),
          WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
          WEBHOOK_TIMEOUT_MS: '2000',
        }),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-notify' }),
        AuditModule,
        RedisModule,
        TenancyModule,
        NotifyModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
    outbox = moduleRef.get(WebhookOutbox);
    dispatcher = moduleRef.get(WebhookDispatcher);
    endpoints = moduleRef.get(WebhookEndpointsService);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await receiver?.close();
    await owner.end();
  });

  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('writes one delivery per enabled endpoint subscribed to the type, once per source', async () => {
    const tenantId = await tenant();
    const subscribed = await endpoint(tenantId, [
      WebhookEventType.CASE_CREATED,
      WebhookEventType.SLA_BREACHED,
    ]);
    await endpoint(tenantId, [WebhookEventType.CASE_RESOLVED]);
    const disabled = await endpoint(tenantId, [WebhookEventType.CASE_CREATED]);
    await endpoints.disable(ACTOR, tenantId, disabled.endpoint.id);

    const e = event();
    await expect(enqueue(tenantId, e)).resolves.toBe(1);
    await expect(enqueue(tenantId, e)).resolves.toBe(0);
    const rows = await deliveries(tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      endpoint_id: subscribed.endpoint.id,
      event_type: 'case.created',
      status: 'PENDING',
      attempts: 0,
      payload: { type: 'case.created', timestamp: e.at.toISOString(), data: { case: { key: 'ACME-1' } } },
    });
    expect(rows[0].message_id).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('writes nothing for a change that rolls back', async () => {
    const tenantId = await tenant();
    await endpoint(tenantId);
    await expect(
      uow.withTenant(tenantId, async (m) => {
        await outbox.enqueue(m, tenantId, event());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveries(tenantId)).toHaveLength(0);
  });

  it('wakes listeners on commit only', async () => {
    const tenantId = await tenant();
    await endpoint(tenantId);
    const heard: unknown[] = [];
    const stop = await moduleRef.get(PgPubSub).listen(PgChannel.WebhookDeliveries, {
      onMessage: (payload) => heard.push(payload),
    });
    try {
      await uow
        .withTenant(tenantId, async (m) => {
          await outbox.enqueue(m, tenantId, event({ data: { n: 1 } }));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await enqueue(tenantId, event({ data: { n: 2 } }));
      const deadline = Date.now() + 5_000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // Notifications arrive in commit order: had the rolled-back one been sent, it would be first.
      expect(heard).toEqual([{ tenantId }]);
    } finally {
      await stop();
    }
  });

  it('sends a signed Standard Webhooks message that the reference library verifies', async () => {
    const tenantId = await tenant();
    const { secret } = await endpoint(tenantId);
    await enqueue(tenantId, event());
    const summary = await dispatcher.dispatch(tenantId);
    expect(summary).toMatchObject({ claimed: 1, delivered: 1, failed: 0, retries: [] });
    const [message] = await receiver.waitFor(1);
    const verified = new Webhook(secret).verify(message.body, {
      'webhook-id': message.headers['webhook-id'] as string,
      'webhook-timestamp': message.headers['webhook-timestamp'] as string,
      'webhook-signature': message.headers['webhook-signature'] as string,
    });
    expect(verified).toMatchObject({ type: 'case.created', data: { case: { key: 'ACME-1' } } });
    const [row] = await deliveries(tenantId);
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 1, last_status_code: 200, lease_until: null });
    expect(message.headers['webhook-id']).toBe(row.message_id);
  });

  it('retries with exponential backoff, then marks the delivery FAILED', async () => {
    const tenantId = await tenant();
    await endpoint(tenantId);
    await enqueue(tenantId, event());
    receiver.answer(500, 502, 503);

    const first = await dispatcher.dispatch(tenantId);
    expect(first.retries).toHaveLength(1);
    expect(first.retries[0].inMs).toBeGreaterThanOrEqual(BASE_MS / 2);
    expect(first.retries[0].inMs).toBeLessThanOrEqual(BASE_MS);
    // Not due before its time.
    await expect(dispatcher.dispatch(tenantId)).resolves.toMatchObject({ claimed: 0 });
    clock.advance(first.retries[0].inMs);

    const second = await dispatcher.dispatch(tenantId);
    expect(second.retries[0].inMs).toBeGreaterThanOrEqual(BASE_MS);
    expect(second.retries[0].inMs).toBeLessThanOrEqual(2 * BASE_MS);
    clock.advance(second.retries[0].inMs);

    await expect(dispatcher.dispatch(tenantId)).resolves.toMatchObject({
      claimed: 1,
      failed: 1,
      retries: [],
    });
    const [row] = await deliveries(tenantId);
    expect(row).toMatchObject({
      status: 'FAILED',
      attempts: MAX_ATTEMPTS,
      last_status_code: 503,
      next_attempt_at: null,
    });
    expect(row.last_error).toBe('HTTP 503');
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect([receiver.received.length, ids.size]).toEqual([3, 1]);
  });

  it('disables the endpoint when the receiver answers 410 Gone', async () => {
    const tenantId = await tenant();
    const { endpoint: created } = await endpoint(tenantId);
    await enqueue(tenantId, event());
    await enqueue(tenantId, event());
    receiver.answer(410, 410);
    await dispatcher.dispatch(tenantId);
    const rows = await deliveries(tenantId);
    expect(rows.map((r) => r.status)).toEqual(['FAILED', 'FAILED']);
    await expect(endpoints.get(tenantId, created.id)).resolves.toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('410 Gone'),
    });
  });

  it('never lets two workers send one delivery, and resends after a dead worker’s lease runs out', async () => {
    const tenantId = await tenant();
    await endpoint(tenantId);
    await enqueue(tenantId, event());
    receiver.hold = true;
    const running = dispatcher.dispatch(tenantId);
    await receiver.waitFor(1);
    // While the first worker waits on the receiver, another finds nothing to take.
    await expect(dispatcher.dispatch(tenantId)).resolves.toMatchObject({ claimed: 0 });
    receiver.release();
    await expect(running).resolves.toMatchObject({ delivered: 1 });

    // A worker that claimed a delivery and died: its lease must run out before it is sent again.
    await enqueue(tenantId, event());
    const [, orphan] = await deliveries(tenantId);
    await owner.query(
      `UPDATE webhook_deliveries SET attempts = 1, lease_until = $2, last_attempt_at = $3 WHERE id = $1`,
      [orphan.id, new Date(clock.now().getTime() + 60_000), clock.now()],
    );
    await expect(dispatcher.dispatch(tenantId)).resolves.toMatchObject({ claimed: 0 });
    await expect(dispatcher.dueTenants()).resolves.not.toContain(tenantId);
    clock.advance(60_000);
    await expect(dispatcher.dueTenants()).resolves.toContain(tenantId);
    await expect(dispatcher.dispatch(tenantId)).resolves.toMatchObject({ delivered: 1 });
    const resent = receiver.received.at(-1)!;
    expect(resent.headers['webhook-id']).toBe(orphan.message_id);
    expect((await deliveries(tenantId))[1]).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });

  it('signs with the old secret too for a day after a rotation', async () => {
    const tenantId = await tenant();
    const { endpoint: created, secret: old } = await endpoint(tenantId);
    const { secret: current } = await endpoints.rotateSecret(ACTOR, tenantId, created.id);
    expect(current).not.toBe(old);
    await enqueue(tenantId, event());
    await dispatcher.dispatch(tenantId);
    const [message] = await receiver.waitFor(1);
    const headers = {
      'webhook-id': message.headers['webhook-id'] as string,
      'webhook-timestamp': message.headers['webhook-timestamp'] as string,
      'webhook-signature': message.headers['webhook-signature'] as string,
    };
    expect(() => new Webhook(old).verify(message.body, headers)).not.toThrow();
    expect(() => new Webhook(current).verify(message.body, headers)).not.toThrow();
  });

  it("keeps each tenant's endpoints and deliveries to itself", async () => {
    const [a, b] = [await tenant(), await tenant()];
    const { endpoint: ofA } = await endpoint(a);
    await expect(endpoints.get(b, ofA.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(endpoints.get(a, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(enqueue(b, event())).resolves.toBe(0);
  });
});
