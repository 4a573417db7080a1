import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  RedisModule,
  type SystemActor,
  UnitOfWork,
} from '@sieve/core';
import { PgChannel, PgPubSub, WebhookEndpointsService, WebhookEventType } from '@sieve/notify';
import { TenancyModule } from '@sieve/tenancy';
import pg from 'pg';
import { CaseTimeline, type TimelineEntryInput } from '../events/case-timeline.js';
import { CaseNotificationsModule } from './case-notifications.module.js';

const ACTOR: SystemActor = { kind: 'system', name: 'notify-test' };

/** Case changes through the real timeline reach the webhook outbox and the NOTIFY feed, in their transaction. */
describe('case notifications (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const heard: unknown[] = [];
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let timeline: CaseTimeline;
  let stopListening: () => Promise<void>;

  async function tenantWithCase(eventTypes: WebhookEventType[] | null) {
    const tenantId = randomUUID();
    const slug = `notes-${tenantId.slice(0, 8)}`;
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [tenantId, slug],
    );
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, sla_state)
       VALUES ($1, 7, 'Exfiltration', 'HIGH', 70, 2, 'BREACHED') RETURNING id`,
      [tenantId],
    );
    if (eventTypes) {
      await moduleRef
        .get(WebhookEndpointsService)
        .create(ACTOR, tenantId, { url: 'http://127.0.0.1:9/hook', eventTypes });
    }
    return { tenantId, caseId: rows[0].id, key: `${slug.toUpperCase()}-7` };
  }

  const append = (tenantId: string, caseId: string, entries: TimelineEntryInput[], fail = false) =>
    uow
      .withTenant(tenantId, async (m) => {
        await timeline.append(m, { tenantId, caseId, actor: ACTOR, entries });
        if (fail) throw new Error('the change failed');
      })
      .catch((error: Error) => {
        if (!fail) throw error;
      });

  const deliveries = async (tenantId: string) =>
    (
      await owner.query(
        `SELECT event_type, payload FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY created_at, event_type`,
        [tenantId],
      )
    ).rows;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' }),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-case-notifications' }),
        AuditModule,
        RedisModule,
        TenancyModule,
        CaseNotificationsModule,
      ],
    }).compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
    timeline = moduleRef.get(CaseTimeline);
    stopListening = await moduleRef
      .get(PgPubSub)
      .listen(PgChannel.CaseChanges, { onMessage: (payload) => heard.push(payload) });
  });

  afterAll(async () => {
    await stopListening?.();
    await moduleRef?.close();
    await owner.end();
  });

  it('writes an sla.breached delivery describing the case, for an endpoint subscribed to it', async () => {
    const { tenantId, caseId, key } = await tenantWithCase([WebhookEventType.SLA_BREACHED]);
    await append(tenantId, caseId, [{ type: 'SLA_BREACHED', data: { clock: 'ACK' } }, { type: 'COMMENTED' }]);
    const rows = await deliveries(tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_type: 'sla.breached',
      payload: {
        type: 'sla.breached',
        data: {
          case: { id: caseId, key, severity: 'HIGH', priority: 2, slaState: 'BREACHED', status: 'NEW' },
          change: {
            type: 'SLA_BREACHED',
            actor: { type: 'SYSTEM', id: 'notify-test' },
            data: { clock: 'ACK' },
          },
        },
      },
    });
  });

  it('writes nothing for a tenant without a subscribed endpoint, or for a change that rolls back', async () => {
    const quiet = await tenantWithCase(null);
    await append(quiet.tenantId, quiet.caseId, [{ type: 'CREATED' }]);
    expect(await deliveries(quiet.tenantId)).toEqual([]);

    const busy = await tenantWithCase([WebhookEventType.CASE_UPDATED]);
    await append(busy.tenantId, busy.caseId, [{ type: 'ASSIGNED' }], true);
    expect(await deliveries(busy.tenantId)).toEqual([]);
    await append(busy.tenantId, busy.caseId, [{ type: 'ASSIGNED' }, { type: 'STATUS_CHANGED' }]);
    const rows = await deliveries(busy.tenantId);
    expect(rows.map((r) => r.event_type)).toEqual(['case.updated']);
    expect(rows[0].payload.data.changes.map((c: { type: string }) => c.type)).toEqual([
      'ASSIGNED',
      'STATUS_CHANGED',
    ]);
  });

  it('notifies subscribers of committed changes only, with ids and entry types', async () => {
    const { tenantId, caseId } = await tenantWithCase(null);
    const ofTenant = () => heard.filter((h) => (h as { tenantId: string }).tenantId === tenantId);
    await append(tenantId, caseId, [{ type: 'TAGS_CHANGED' }], true);
    await append(tenantId, caseId, [{ type: 'COMMENTED' }, { type: 'COMMENTED' }, { type: 'ASSIGNED' }]);
    const deadline = Date.now() + 5_000;
    while (ofTenant().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Notifications arrive in commit order: the rolled-back change's would have come first.
    expect(ofTenant()).toEqual([{ tenantId, caseId, entryTypes: ['COMMENTED', 'ASSIGNED'] }]);
  });
});
