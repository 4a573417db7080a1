import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AuditModule,
  Clock,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  ManualClock,
  type SystemActor,
  UnitOfWork,
} from '@sieve/core';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { type CaseChange, CaseChangeListener, CaseChangeListeners } from '../../events/case-change.js';
import { CaseTimeline, type TimelineEntryInput } from '../../events/case-timeline.js';
import { WORKING_WEEK } from '../calendar/weekday.js';
import { CalendarMode } from '../policy/calendar-mode.js';
import { SlaPoliciesService } from '../policy/sla-policies.service.js';
import { SlaModule } from '../sla.module.js';
import { SlaSweeper, type SlaSweepSummary } from './sla-sweeper.js';

const MINUTE = 60_000;
const TEST_ACTOR: SystemActor = { kind: 'system', name: 'sla-test' };

/** A listener that fails the next change it hears, like a crash between the sweep's writes and its commit. */
class CrashOnce extends CaseChangeListener {
  armed = false;

  async onCaseChanged(_manager: EntityManager, change: CaseChange): Promise<void> {
    if (!this.armed) return;
    this.armed = false;
    throw new Error(`simulated crash while appending ${change.entries.map((e) => e.type).join(', ')}`);
  }
}

describe('SLA sweeper and clocks (PostgreSQL)', () => {
  const clock = new ManualClock(new Date('2030-01-07T10:00:00Z'));
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const crash = new CrashOnce();
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let timeline: CaseTimeline;
  let sweeper: SlaSweeper;
  let policies: SlaPoliciesService;
  let caseNumber = 0;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-sla' }),
        AuditModule,
        SlaModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
    timeline = moduleRef.get(CaseTimeline);
    sweeper = moduleRef.get(SlaSweeper);
    policies = moduleRef.get(SlaPoliciesService);
    // After the SLA listener: a failure rolls back what the SLA listener wrote in the same transaction.
    moduleRef.get(CaseChangeListeners).register(crash);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  async function tenant(tier = 'STANDARD', timeZone = 'UTC'): Promise<string> {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', $3, $4)`,
      [id, `sla-${id.slice(0, 8)}`, timeZone, tier],
    );
    return id;
  }

  /** Opens a case through the timeline, as the case service does: the SLA listener sets its clocks. */
  function openCase(tenantId: string, severity = 'CRITICAL'): Promise<string> {
    return uow.withTenant(tenantId, async (manager) => {
      const [{ id }] = (await manager.query(
        `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, created_at)
         VALUES ($1, $2, 'case', $3, 90, 1, $4) RETURNING id`,
        [tenantId, ++caseNumber, severity, clock.now()],
      )) as { id: string }[];
      await timeline.append(manager, {
        tenantId,
        caseId: id,
        actor: TEST_ACTOR,
        entries: [{ type: 'CREATED' }],
      });
      return id;
    });
  }

  const append = (tenantId: string, caseId: string, ...entries: TimelineEntryInput[]) =>
    uow.withTenant(tenantId, (m) => timeline.append(m, { tenantId, caseId, actor: TEST_ACTOR, entries }));
  const status = (to: string): TimelineEntryInput => ({ type: 'STATUS_CHANGED', data: { to } });

  async function sweep(tenantId: string): Promise<SlaSweepSummary> {
    const summary: SlaSweepSummary = { tenants: 1, checked: 0, warnings: 0, breaches: 0, failed: 0 };
    await sweeper.sweepTenant(tenantId, summary);
    return summary;
  }

  const sla = async (caseId: string) =>
    (
      await owner.query(
        `SELECT sla_state, sla_ack_due_at, sla_resolve_due_at, sla_due_at, sla_next_check_at FROM cases WHERE id = $1`,
        [caseId],
      )
    ).rows[0];
  const alarms = async (caseId: string) =>
    (
      await owner.query(
        `SELECT type, actor_type, actor_id, at, data FROM case_events
         WHERE case_id = $1 AND type IN ('SLA_WARNING', 'SLA_BREACHED') ORDER BY seq`,
        [caseId],
      )
    ).rows.map((r) => `${r.type} ${r.data.clock}#${r.data.cycle} @${new Date(r.at).toISOString()}`);
  const clockRow = async (caseId: string, kind: string, cycle = 0) =>
    (
      await owner.query(`SELECT * FROM case_sla_clocks WHERE case_id = $1 AND clock = $2 AND cycle = $3`, [
        caseId,
        kind,
        cycle,
      ])
    ).rows[0];
  const at = (offsetMinutes: number, from: Date): Date => new Date(from.getTime() + offsetMinutes * MINUTE);

  it('sets the clocks of a new case: STANDARD CRITICAL is 30 min to acknowledge, 8 h to resolve, 24/7', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const caseId = await openCase(tenantId);
    expect(await sla(caseId)).toEqual({
      sla_state: 'ON_TRACK',
      sla_ack_due_at: at(30, t0),
      sla_resolve_due_at: at(480, t0),
      sla_due_at: at(30, t0),
      sla_next_check_at: at(24, t0),
    });
  });

  it('warns at 80% and breaches at 100%, each exactly once however often the sweeper runs', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const caseId = await openCase(tenantId);

    clock.set(at(23, t0));
    expect(await sweep(tenantId)).toMatchObject({ checked: 0 });

    clock.set(at(24, t0));
    expect(await sweep(tenantId)).toMatchObject({ checked: 1, warnings: 1, breaches: 0 });
    expect(await sweep(tenantId)).toMatchObject({ checked: 0 });
    expect(await alarms(caseId)).toEqual([`SLA_WARNING ACK#0 @${at(24, t0).toISOString()}`]);
    expect(await sla(caseId)).toMatchObject({ sla_state: 'WARNING', sla_next_check_at: at(30, t0) });

    clock.set(at(31, t0));
    await sweep(tenantId);
    await sweep(tenantId);
    expect(await alarms(caseId)).toEqual([
      `SLA_WARNING ACK#0 @${at(24, t0).toISOString()}`,
      `SLA_BREACHED ACK#0 @${at(31, t0).toISOString()}`,
    ]);
    expect(await sla(caseId)).toMatchObject({
      sla_state: 'BREACHED',
      // The resolve clock's warning (80% of 480 min) is next.
      sla_next_check_at: at(384, t0),
    });
    const [breach] = (
      await owner.query(
        `SELECT actor_type, actor_id, data FROM case_events WHERE case_id = $1 AND type = 'SLA_BREACHED'`,
        [caseId],
      )
    ).rows;
    expect(breach).toEqual({
      actor_type: 'SYSTEM',
      actor_id: 'sla',
      data: {
        clock: 'ACK',
        cycle: 0,
        severity: 'CRITICAL',
        budgetMinutes: 30,
        warningAt: at(24, t0).toISOString(),
        dueAt: at(30, t0).toISOString(),
        stoppedAt: null,
      },
    });
    expect(await clockRow(caseId, 'ACK')).toMatchObject({
      warned_at: at(24, t0),
      breach_raised_at: at(31, t0),
      met: false,
      stopped_at: null,
    });
  });

  it('raises one breach when two workers sweep at the same moment', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const caseIds = await Promise.all([1, 2, 3].map(() => openCase(tenantId)));
    clock.set(at(45, t0));
    const [a, b] = await Promise.all([sweep(tenantId), sweep(tenantId)]);
    expect(a.breaches + b.breaches).toBe(3);
    for (const caseId of caseIds) {
      expect(await alarms(caseId)).toEqual([`SLA_BREACHED ACK#0 @${at(45, t0).toISOString()}`]);
    }
  });

  it('is safe to re-run after a crash: a sweep that failed before commit left nothing, the next raises once', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const caseId = await openCase(tenantId);
    clock.set(at(25, t0));
    crash.armed = true;
    expect(await sweep(tenantId)).toMatchObject({ checked: 0, failed: 1 });
    expect(await alarms(caseId)).toEqual([]);
    expect(await sla(caseId)).toMatchObject({ sla_state: 'ON_TRACK', sla_next_check_at: at(24, t0) });

    expect(await sweep(tenantId)).toMatchObject({ warnings: 1, failed: 0 });
    await sweep(tenantId);
    expect(await alarms(caseId)).toEqual([`SLA_WARNING ACK#0 @${at(25, t0).toISOString()}`]);
  });

  it('pauses while PENDING_CUSTOMER: no deadline, no check, and the pause is added to the deadline', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const caseId = await openCase(tenantId);
    clock.set(at(10, t0));
    await append(tenantId, caseId, status('ACKNOWLEDGED'));
    clock.set(at(70, t0));
    await append(tenantId, caseId, status('PENDING_CUSTOMER'));
    expect(await sla(caseId)).toEqual({
      sla_state: 'PAUSED',
      sla_ack_due_at: at(30, t0),
      sla_resolve_due_at: null,
      sla_due_at: null,
      sla_next_check_at: null,
    });

    // A day later nothing has been raised; back to work: 480 - 70 = 410 minutes left.
    clock.set(at(24 * 60 + 70, t0));
    await sweep(tenantId);
    expect(await alarms(caseId)).toEqual([]);
    await append(tenantId, caseId, status('INVESTIGATING'));
    expect(await sla(caseId)).toMatchObject({
      sla_state: 'ON_TRACK',
      sla_resolve_due_at: at(24 * 60 + 70 + 410, t0),
      sla_due_at: at(24 * 60 + 70 + 410, t0),
    });

    // Resolved in time: MET, the clock row keeps the SLA minutes used (pause excluded).
    clock.set(at(24 * 60 + 100, t0));
    await append(tenantId, caseId, { type: 'RESOLVED', data: { disposition: 'TRUE_POSITIVE' } });
    expect(await sla(caseId)).toMatchObject({ sla_state: 'MET', sla_due_at: null, sla_next_check_at: null });
    expect(await clockRow(caseId, 'RESOLVE')).toMatchObject({ met: true, elapsed_ms: String(100 * MINUTE) });
  });

  it('records a breach for an acknowledgement that came after the deadline, before any sweep saw it', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const caseId = await openCase(tenantId);
    clock.set(at(33, t0));
    await append(tenantId, caseId, status('ACKNOWLEDGED'));
    expect(await sla(caseId)).toMatchObject({ sla_state: 'ON_TRACK', sla_next_check_at: at(33, t0) });
    await sweep(tenantId);
    await sweep(tenantId);
    expect(await alarms(caseId)).toEqual([`SLA_BREACHED ACK#0 @${at(33, t0).toISOString()}`]);
    expect(await clockRow(caseId, 'ACK')).toMatchObject({ met: false, stopped_at: at(33, t0) });
  });

  it('applies a new policy to open cases at the next sweep, and leaves stopped clocks as they were', async () => {
    const t0 = clock.now();
    const tenantId = await tenant();
    const acked = await openCase(tenantId);
    await append(tenantId, acked, status('ACKNOWLEDGED'));
    const open = await openCase(tenantId);
    await policies.setTarget(TEST_ACTOR, tenantId, 'CRITICAL', { ackMinutes: 5, resolveMinutes: 60 });
    expect(await sla(open)).toMatchObject({ sla_next_check_at: t0 });
    await sweep(tenantId);
    expect(await sla(open)).toMatchObject({ sla_ack_due_at: at(5, t0), sla_resolve_due_at: at(60, t0) });
    expect(await clockRow(acked, 'ACK')).toMatchObject({ budget_minutes: 30, met: true });
    expect(await clockRow(acked, 'RESOLVE')).toMatchObject({ budget_minutes: 60 });
    const audit = await owner.query(`SELECT action, details FROM audit_log WHERE tenant_id = $1`, [tenantId]);
    expect(audit.rows).toEqual([
      { action: 'sla.policy.set', details: { severity: 'CRITICAL', ackMinutes: 5, resolveMinutes: 60 } },
    ]);
  });

  it('counts business hours in the tenant zone: ESSENTIAL in Berlin, Friday 16:30 CET is due Monday 09:30 CEST', async () => {
    // Friday 2030-03-29 is before the spring-forward Sunday 2030-03-31; 16:30 CET = 15:30Z.
    clock.set(new Date('2030-03-29T15:30:00Z'));
    const tenantId = await tenant('ESSENTIAL', 'Europe/Berlin');
    const caseId = await openCase(tenantId);
    expect(await sla(caseId)).toMatchObject({ sla_ack_due_at: new Date('2030-04-01T07:30:00Z') });

    // Monday 2030-04-01 declared a holiday: the deadline moves to Tuesday 09:30 CEST.
    await policies.setCalendar(TEST_ACTOR, tenantId, {
      mode: CalendarMode.BUSINESS_HOURS,
      weeklyHours: WORKING_WEEK.map((day) => ({ day, start: '09:00', end: '17:00' })),
      holidays: ['2030-04-01'],
    });
    await sweep(tenantId);
    expect(await sla(caseId)).toMatchObject({ sla_ack_due_at: new Date('2030-04-02T07:30:00Z') });
  });
});
