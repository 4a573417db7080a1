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
import { CaseTimeline, type TimelineEntryInput } from '../../events/case-timeline.js';
import { SlaModule } from '../sla.module.js';
import { type SlaSweepSummary, SlaSweeper } from '../sweep/sla-sweeper.js';
import type { SlaFigures } from './sla-figures.js';
import { SlaReportService } from './sla-report.service.js';

const MINUTE = 60_000;
const T0 = new Date('2031-06-02T08:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * MINUTE);
const ACTOR: SystemActor = { kind: 'system', name: 'sla-report-test' };

const figures = (patch: Partial<SlaFigures>): SlaFigures => ({
  cases: 0,
  acknowledged: 0,
  resolved: 0,
  mttaMinutes: null,
  mttaSlaMinutes: null,
  mttrMinutes: null,
  mttrSlaMinutes: null,
  ackMet: 0,
  ackBreached: 0,
  ackCompliancePercent: null,
  resolveMet: 0,
  resolveBreached: 0,
  resolveCompliancePercent: null,
  ...patch,
});

/**
 * The seeded set (24/7 calendars). Tenant A is STANDARD (CRITICAL 30/480, HIGH 60/1440), tenant B PREMIUM
 * (CRITICAL 15/240). Times in minutes from T0:
 * - c1 A CRITICAL: claimed by Ana at 5, acknowledged at 10, resolved at 100 (both met, Ana's);
 * - c2 A CRITICAL: acknowledged unassigned at 40 (late), assigned to Bob at 50, waiting for the customer
 *   60-120, resolved at 200: 200 wall minutes, 140 SLA minutes (met, Bob's);
 * - c3 A HIGH: never touched; its ack deadline (60) passed, its resolve clock is undecided;
 * - c4 B CRITICAL: claimed by Bob at 1, acknowledged at 5, resolved at 300 (late: budget 240);
 * - c5 A CRITICAL: created the day before the window, left out.
 */
describe('SlaReportService (PostgreSQL)', () => {
  const clock = new ManualClock(T0);
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let timeline: CaseTimeline;
  let reports: SlaReportService;
  let tenantA: string;
  let tenantB: string;
  let ana: string;
  let bob: string;
  let number = 0;

  async function tenant(tier: string): Promise<string> {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', $3)`,
      [id, `slar-${id.slice(0, 8)}`, tier],
    );
    return id;
  }

  async function user(name: string): Promise<string> {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO users (email, display_name, platform_role) VALUES ($1, $2, 'MSSP_ANALYST') RETURNING id`,
      [`${name.toLowerCase()}-${randomUUID().slice(0, 8)}@sieve.example`, name],
    );
    return rows[0].id;
  }

  /** Replays a case's story on the manual clock, each entry at its minute. */
  async function story(
    tenantId: string,
    severity: string,
    steps: [number, TimelineEntryInput][],
  ): Promise<void> {
    const [[start]] = steps;
    clock.set(at(start));
    const caseId = await uow.withTenant(tenantId, async (manager) => {
      const [{ id }] = (await manager.query(
        `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, created_at)
         VALUES ($1, $2, 'case', $3, 70, 2, $4) RETURNING id`,
        [tenantId, ++number, severity, clock.now()],
      )) as { id: string }[];
      return id;
    });
    for (const [minute, entry] of steps) {
      clock.set(at(minute));
      await uow.withTenant(tenantId, (m) =>
        timeline.append(m, { tenantId, caseId, actor: ACTOR, entries: [entry] }),
      );
    }
  }

  const status = (to: string): TimelineEntryInput => ({ type: 'STATUS_CHANGED', data: { to } });
  const resolved: TimelineEntryInput = { type: 'RESOLVED', data: { disposition: 'TRUE_POSITIVE' } };

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-sla-report' }),
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
    reports = moduleRef.get(SlaReportService);
    tenantA = await tenant('STANDARD');
    tenantB = await tenant('PREMIUM');
    ana = await user('Ana');
    bob = await user('Bob');

    await story(tenantA, 'CRITICAL', [
      [0, { type: 'CREATED' }],
      [5, { type: 'CLAIMED', data: { assigneeId: ana } }],
      [10, status('ACKNOWLEDGED')],
      [100, resolved],
    ]);
    await story(tenantA, 'CRITICAL', [
      [0, { type: 'CREATED' }],
      [40, status('ACKNOWLEDGED')],
      [50, { type: 'ASSIGNED', data: { assigneeId: bob } }],
      [60, status('PENDING_CUSTOMER')],
      [120, status('INVESTIGATING')],
      [200, resolved],
    ]);
    await story(tenantA, 'HIGH', [[0, { type: 'CREATED' }]]);
    await story(tenantB, 'CRITICAL', [
      [0, { type: 'CREATED' }],
      [1, { type: 'CLAIMED', data: { assigneeId: bob } }],
      [5, status('ACKNOWLEDGED')],
      [300, resolved],
    ]);
    await story(tenantA, 'CRITICAL', [[-24 * 60, { type: 'CREATED' }]]);

    // The sweeper has run since: c3's missed acknowledgement is decided, c2's late one recorded.
    clock.set(at(400));
    const summary: SlaSweepSummary = { tenants: 2, checked: 0, warnings: 0, breaches: 0, failed: 0 };
    for (const id of [tenantA, tenantB]) await moduleRef.get(SlaSweeper).sweepTenant(id, summary);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  const scope = (...tenantIds: string[]) => ({ actorId: ana, tenantIds });

  it('reports MTTA, MTTR and compliance over both tenants, per tenant, severity and analyst', async () => {
    const report = await reports.report(scope(tenantA, tenantB), at(-60), at(60));
    expect(report.total).toEqual(
      figures({
        cases: 4,
        acknowledged: 3,
        resolved: 3,
        mttaMinutes: (10 + 40 + 5) / 3,
        mttaSlaMinutes: (10 + 40 + 5) / 3,
        mttrMinutes: (100 + 200 + 300) / 3,
        mttrSlaMinutes: (100 + 140 + 300) / 3,
        ackMet: 2,
        ackBreached: 2,
        ackCompliancePercent: 50,
        resolveMet: 2,
        resolveBreached: 1,
        resolveCompliancePercent: (100 * 2) / 3,
      }),
    );
    expect(report.byTenant.map((t) => [t.tenantId, t.figures])).toEqual(
      expect.arrayContaining([
        [
          tenantA,
          figures({
            cases: 3,
            acknowledged: 2,
            resolved: 2,
            mttaMinutes: 25,
            mttaSlaMinutes: 25,
            mttrMinutes: 150,
            mttrSlaMinutes: 120,
            ackMet: 1,
            ackBreached: 2,
            ackCompliancePercent: 100 / 3,
            resolveMet: 2,
            resolveCompliancePercent: 100,
          }),
        ],
        [
          tenantB,
          figures({
            cases: 1,
            acknowledged: 1,
            resolved: 1,
            mttaMinutes: 5,
            mttaSlaMinutes: 5,
            mttrMinutes: 300,
            mttrSlaMinutes: 300,
            ackMet: 1,
            ackCompliancePercent: 100,
            resolveBreached: 1,
            resolveCompliancePercent: 0,
          }),
        ],
      ]),
    );
    expect(report.bySeverity.map((s) => [s.severity, s.figures.cases, s.figures.ackBreached])).toEqual([
      ['CRITICAL', 3, 1],
      ['HIGH', 1, 1],
    ]);
    expect(report.byAnalyst.map((a) => [a.displayName, a.analystId, a.figures])).toEqual([
      [
        'Ana',
        ana,
        figures({
          cases: 1,
          acknowledged: 1,
          resolved: 1,
          mttaMinutes: 10,
          mttaSlaMinutes: 10,
          mttrMinutes: 100,
          mttrSlaMinutes: 100,
          ackMet: 1,
          ackCompliancePercent: 100,
          resolveMet: 1,
          resolveCompliancePercent: 100,
        }),
      ],
      [
        'Bob',
        bob,
        figures({
          cases: 2,
          acknowledged: 1,
          resolved: 2,
          mttaMinutes: 5,
          mttaSlaMinutes: 5,
          mttrMinutes: 250,
          mttrSlaMinutes: 220,
          ackMet: 1,
          ackCompliancePercent: 100,
          resolveMet: 1,
          resolveBreached: 1,
          resolveCompliancePercent: 50,
        }),
      ],
    ]);
  });

  it("reads only the scope's tenants: one tenant's report holds none of the other's cases", async () => {
    const report = await reports.report(scope(tenantB), at(-60), at(60));
    expect(report.byTenant.map((t) => t.tenantId)).toEqual([tenantB]);
    expect(report.total.cases).toBe(1);
    expect(report.byAnalyst.map((a) => a.displayName)).toEqual(['Bob']);
  });

  it('counts cases by creation time: the window of the day before holds only c5, still undecided', async () => {
    const report = await reports.report(scope(tenantA, tenantB), at(-25 * 60), at(-23 * 60));
    expect(report.total).toMatchObject({ cases: 1, ackBreached: 1, resolveBreached: 1, acknowledged: 0 });
  });

  it('answers empty figures for a window without cases and refuses a reversed window', async () => {
    const empty = await reports.report(scope(tenantA), at(1000), at(2000));
    expect(empty).toMatchObject({ total: figures({}), byTenant: [], bySeverity: [], byAnalyst: [] });
    await expect(reports.report(scope(tenantA), at(10), at(0))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
