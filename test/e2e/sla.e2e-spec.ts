import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SlaSweeper, type SlaSweepSummary } from '@sieve/cases';
import { ApiKeyScope, Clock, ManualClock, PlatformRole } from '@sieve/core';
import { ApiKeysService, UsersService } from '@sieve/tenancy';
import pg from 'pg';
import {
  type SeededTenant,
  TEST_ACTOR,
  createTestApp,
  gql,
  seedPlatformUser,
  seedTenant,
} from '../harness/test-app.js';

const POLICY = `{ tenantId contractTier timeZone targets { severity ackMinutes resolveMinutes isDefault }
  calendar { mode weeklyHours { day start end } holidays isDefault } }`;
const SLA_POLICIES = `query ($t: ID) { slaPolicies(tenantId: $t) ${POLICY} }`;
const SET_SLA_POLICY = `mutation ($i: SetSlaPolicyInput!) { setSlaPolicy(input: $i) ${POLICY} }`;
const RESET_SLA_POLICY = `mutation ($s: CaseSeverity!, $t: ID) { resetSlaPolicy(severity: $s, tenantId: $t) ${POLICY} }`;
const SET_CALENDAR = `mutation ($i: SetSlaCalendarInput!) { setBusinessCalendar(input: $i) ${POLICY} }`;
const SLA_REPORT = `query ($from: DateTime!, $to: DateTime!, $t: ID) {
  slaReport(from: $from, to: $to, tenantId: $t) {
    total { cases mttaMinutes mttrMinutes ackCompliancePercent resolveCompliancePercent }
    byTenant { tenantId tenantSlug figures { cases ackMet ackBreached } }
    bySeverity { severity figures { cases } }
    byAnalyst { analystId displayName figures { resolved mttrMinutes } }
  } }`;

/** The window the report is read on (cases created in it are seeded below). */
const T = Date.parse('2031-09-01T00:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);

/**
 * The API runs on a manual clock. It stands in the future: tokens it issues are checked against the real
 * time by the verifier, so they must not have expired by it.
 */
const START = new Date('2032-01-05T09:00:00Z');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);

const code = (res: { body: { errors?: { extensions: { code: string } }[] } }) =>
  res.body.errors?.[0].extensions.code;

describe('SLA policies and report through the API', () => {
  let app: NestExpressApplication;
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let a: SeededTenant;
  let b: SeededTenant;
  let admin: { userId: string; token: string };
  let analyst: { userId: string; token: string };
  const clock = new ManualClock(START);

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp({ override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    a = await seedTenant(app, 'sla-a');
    b = await seedTenant(app, 'sla-b');
    admin = await seedPlatformUser(app, PlatformRole.PLATFORM_ADMIN);
    analyst = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    await app.get(UsersService).assignAnalystTenants(TEST_ACTOR, analyst.userId, [a.tenant.id]);
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await owner.end();
  });

  describe('policies', () => {
    it("shows a tenant user its tier's defaults, most severe first, on a 24/7 calendar", async () => {
      const res = await gql(app, a.viewerToken, SLA_POLICIES);
      expect(res.body.data.slaPolicies).toMatchObject({
        tenantId: a.tenant.id,
        contractTier: 'STANDARD',
        timeZone: 'Europe/Paris',
        calendar: { mode: 'ALWAYS', holidays: [], isDefault: true },
      });
      expect(res.body.data.slaPolicies.targets).toEqual([
        { severity: 'CRITICAL', ackMinutes: 30, resolveMinutes: 480, isDefault: true },
        { severity: 'HIGH', ackMinutes: 60, resolveMinutes: 1440, isDefault: true },
        { severity: 'MEDIUM', ackMinutes: 240, resolveMinutes: 2880, isDefault: true },
        { severity: 'LOW', ackMinutes: 1440, resolveMinutes: 7200, isDefault: true },
        { severity: 'INFORMATIONAL', ackMinutes: 2880, resolveMinutes: 14400, isDefault: true },
      ]);
    });

    it('lets a tenant admin override a severity, audited, and reset it to the default', async () => {
      const set = await gql(app, a.adminToken, SET_SLA_POLICY, {
        i: { severity: 'CRITICAL', ackMinutes: 20, resolveMinutes: 300 },
      });
      expect(set.body.data.setSlaPolicy.targets[0]).toEqual({
        severity: 'CRITICAL',
        ackMinutes: 20,
        resolveMinutes: 300,
        isDefault: false,
      });
      const audit = await owner.query(
        `SELECT actor_id, details FROM audit_log WHERE tenant_id = $1 AND action = 'sla.policy.set'`,
        [a.tenant.id],
      );
      expect(audit.rows).toEqual([
        { actor_id: a.adminUserId, details: { severity: 'CRITICAL', ackMinutes: 20, resolveMinutes: 300 } },
      ]);

      const reset = await gql(app, a.adminToken, RESET_SLA_POLICY, { s: 'CRITICAL' });
      expect(reset.body.data.resetSlaPolicy.targets[0]).toMatchObject({ ackMinutes: 30, isDefault: true });
    });

    it('refuses targets that make no sense', async () => {
      for (const i of [
        { severity: 'HIGH', ackMinutes: 60, resolveMinutes: 30 },
        { severity: 'HIGH', ackMinutes: 0, resolveMinutes: 30 },
        { severity: 'HIGH', ackMinutes: 60, resolveMinutes: 600_000 },
      ]) {
        expect(code(await gql(app, a.adminToken, SET_SLA_POLICY, { i }))).toBe('BAD_USER_INPUT');
      }
    });

    it('sets business hours with holidays in the tenant zone, and refuses overlapping hours', async () => {
      const week = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
      const res = await gql(app, a.adminToken, SET_CALENDAR, {
        i: {
          mode: 'BUSINESS_HOURS',
          weeklyHours: week.map((day) => ({ day, start: '08:00', end: '18:00' })),
          holidays: ['2031-12-25', '2031-05-01', '2031-12-25'],
        },
      });
      expect(res.body.data.setBusinessCalendar.calendar).toEqual({
        mode: 'BUSINESS_HOURS',
        weeklyHours: week.map((day) => ({ day, start: '08:00', end: '18:00' })),
        holidays: ['2031-05-01', '2031-12-25'],
        isDefault: false,
      });
      const overlap = await gql(app, a.adminToken, SET_CALENDAR, {
        i: {
          mode: 'BUSINESS_HOURS',
          weeklyHours: [
            { day: 'MONDAY', start: '08:00', end: '12:00' },
            { day: 'MONDAY', start: '11:00', end: '18:00' },
          ],
        },
      });
      expect(code(overlap)).toBe('BAD_USER_INPUT');
      expect(overlap.body.errors[0].message).toMatch(/overlap/);
    });

    it('lets only admins change a policy: tenant analysts and viewers are refused, anonymous callers too', async () => {
      const i = { severity: 'LOW', ackMinutes: 60, resolveMinutes: 600 };
      for (const token of [a.viewerToken, a.analystToken]) {
        expect(code(await gql(app, token, SET_SLA_POLICY, { i }))).toBe('FORBIDDEN');
      }
      expect(code(await gql(app, null, SLA_POLICIES))).toBe('UNAUTHENTICATED');
    });

    it("answers NOT_FOUND for another tenant's id exactly as for an unknown or malformed one", async () => {
      for (const t of [b.tenant.id, randomUUID(), 'not-a-uuid']) {
        expect(code(await gql(app, a.adminToken, SLA_POLICIES, { t }))).toBe('NOT_FOUND');
        const set = await gql(app, a.adminToken, SET_SLA_POLICY, {
          i: { tenantId: t, severity: 'LOW', ackMinutes: 60, resolveMinutes: 600 },
        });
        expect(code(set)).toBe('NOT_FOUND');
      }
      const untouched = await gql(app, b.viewerToken, SLA_POLICIES);
      expect(untouched.body.data.slaPolicies.targets.every((t: { isDefault: boolean }) => t.isDefault)).toBe(
        true,
      );
    });

    it('lets a platform admin change any tenant, and an MSSP analyst read (only) its assigned tenants', async () => {
      const set = await gql(app, admin.token, SET_SLA_POLICY, {
        i: { tenantId: b.tenant.id, severity: 'LOW', ackMinutes: 120, resolveMinutes: 900 },
      });
      expect(set.body.data.setSlaPolicy).toMatchObject({ tenantId: b.tenant.id });
      expect(code(await gql(app, admin.token, SLA_POLICIES))).toBe('BAD_USER_INPUT');

      const read = await gql(app, analyst.token, SLA_POLICIES, { t: a.tenant.id });
      expect(read.body.data.slaPolicies.tenantId).toBe(a.tenant.id);
      expect(code(await gql(app, analyst.token, SLA_POLICIES, { t: b.tenant.id }))).toBe('NOT_FOUND');
      const write = await gql(app, analyst.token, SET_SLA_POLICY, {
        i: { tenantId: a.tenant.id, severity: 'LOW', ackMinutes: 60, resolveMinutes: 600 },
      });
      expect(code(write)).toBe('NOT_FOUND');
    });
  });

  describe('a case worked through the API', () => {
    const CASE = `{ id slaState slaAckDueAt slaResolveDueAt slaDueAt }`;
    const run = async (query: string, variables: Record<string, unknown>) => {
      const res = await gql(app, a.adminToken, query, variables);
      expect(res.body.errors).toBeUndefined();
      return Object.values(res.body.data)[0] as Record<string, string | null>;
    };
    const sweep = async () => {
      const summary: SlaSweepSummary = { tenants: 1, checked: 0, warnings: 0, breaches: 0, failed: 0 };
      await app.get(SlaSweeper).sweepTenant(a.tenant.id, summary);
      return summary;
    };

    it('gets its deadlines, a warning at 80%, a pause while pending the customer, and MET in the report', async () => {
      // HIGH on STANDARD: 60 minutes to acknowledge, 1440 to resolve; back to 24/7 after the calendar test.
      await run(SET_CALENDAR, {
        i: { mode: 'ALWAYS', weeklyHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] },
      });
      clock.set(START);
      const created = await run(`mutation ($i: CreateCaseInput!) { createCase(input: $i) ${CASE} }`, {
        i: { title: 'Port probe then console login', severity: 'HIGH' },
      });
      const id = created.id;
      expect(created).toMatchObject({
        slaState: 'ON_TRACK',
        slaAckDueAt: minutes(60).toISOString(),
        slaResolveDueAt: minutes(1440).toISOString(),
        slaDueAt: minutes(60).toISOString(),
      });

      clock.set(minutes(48));
      expect(await sweep()).toMatchObject({ warnings: 1 });
      expect(await run(`query ($id: ID!) { case(id: $id) ${CASE} }`, { id })).toMatchObject({
        slaState: 'WARNING',
      });

      clock.set(minutes(50));
      expect(await run(`mutation ($id: ID!) { acknowledgeCase(id: $id) ${CASE} }`, { id })).toMatchObject({
        slaState: 'ON_TRACK',
        slaDueAt: minutes(1440).toISOString(),
      });

      clock.set(minutes(60));
      const transition = `mutation ($id: ID!, $to: CaseStatus!) { transitionCase(id: $id, to: $to) ${CASE} }`;
      expect(await run(transition, { id, to: 'INVESTIGATING' })).toMatchObject({ slaState: 'ON_TRACK' });
      expect(await run(transition, { id, to: 'PENDING_CUSTOMER' })).toMatchObject({
        slaState: 'PAUSED',
        slaDueAt: null,
      });
      clock.set(minutes(120));
      expect(await run(transition, { id, to: 'INVESTIGATING' })).toMatchObject({
        slaDueAt: minutes(1500).toISOString(),
      });

      clock.set(minutes(200));
      const resolved = await run(
        `mutation ($id: ID!) { resolveCase(id: $id, disposition: TRUE_POSITIVE, summary: "contained") ${CASE} }`,
        { id },
      );
      expect(resolved).toMatchObject({ slaState: 'MET', slaDueAt: null });

      const report = await gql(app, a.viewerToken, SLA_REPORT, {
        from: minutes(-1).toISOString(),
        to: minutes(1).toISOString(),
      });
      expect(report.body.data.slaReport.total).toEqual({
        cases: 1,
        mttaMinutes: 50,
        mttrMinutes: 200,
        ackCompliancePercent: 100,
        resolveCompliancePercent: 100,
      });
    });
  });

  describe('slaReport', () => {
    /** A resolved case with its two clocks, as the SLA engine leaves them. */
    async function resolvedCase(
      tenantId: string,
      number: number,
      ack: { minutes: number; met: boolean },
      resolve: { minutes: number; met: boolean },
      assigneeId: string | null,
    ): Promise<void> {
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, status,
           disposition, created_at)
         VALUES ($1, $2, 'c', 'CRITICAL', 90, 1, 'RESOLVED', 'TRUE_POSITIVE', $3) RETURNING id`,
        [tenantId, number, at(0)],
      );
      for (const [clock, figures] of [
        ['ACK', ack],
        ['RESOLVE', resolve],
      ] as const) {
        await owner.query(
          `INSERT INTO case_sla_clocks (case_id, clock, cycle, tenant_id, severity_label, budget_minutes, started_at,
             stopped_at, elapsed_ms, assignee_id, met, updated_at)
           VALUES ($1, $2, 0, $3, 'CRITICAL', 30, $4, $5, $6, $7, $8, now())`,
          [
            rows[0].id,
            clock,
            tenantId,
            at(0),
            at(figures.minutes),
            figures.minutes * 60_000,
            assigneeId,
            figures.met,
          ],
        );
      }
    }

    beforeAll(async () => {
      await resolvedCase(
        a.tenant.id,
        9001,
        { minutes: 10, met: true },
        { minutes: 100, met: true },
        analyst.userId,
      );
      await resolvedCase(b.tenant.id, 9001, { minutes: 50, met: false }, { minutes: 500, met: false }, null);
    });

    const window = { from: at(-60).toISOString(), to: at(60).toISOString() };

    it("shows a tenant user (JWT or API key) its own tenant's figures only", async () => {
      for (const credential of [a.viewerToken, a.apiKey]) {
        const res = await gql(app, credential, SLA_REPORT, window);
        expect(res.body.data.slaReport).toEqual({
          total: {
            cases: 1,
            mttaMinutes: 10,
            mttrMinutes: 100,
            ackCompliancePercent: 100,
            resolveCompliancePercent: 100,
          },
          byTenant: [
            {
              tenantId: a.tenant.id,
              tenantSlug: a.tenant.slug,
              figures: { cases: 1, ackMet: 1, ackBreached: 0 },
            },
          ],
          bySeverity: [{ severity: 'CRITICAL', figures: { cases: 1 } }],
          byAnalyst: [
            {
              analystId: analyst.userId,
              displayName: 'MSSP_ANALYST',
              figures: { resolved: 1, mttrMinutes: 100 },
            },
          ],
        });
      }
      expect(code(await gql(app, a.viewerToken, SLA_REPORT, { ...window, t: b.tenant.id }))).toBe(
        'NOT_FOUND',
      );
    });

    it('refuses credentials that may read no tenant, such as an ingest-only key', async () => {
      const { secret } = await app
        .get(ApiKeysService)
        .create(TEST_ACTOR, a.tenant.id, { name: 'ingest only', scopes: [ApiKeyScope.INGEST] });
      expect(code(await gql(app, secret, SLA_REPORT, window))).toBe('FORBIDDEN');
      expect(code(await gql(app, secret, SLA_POLICIES))).toBe('NOT_FOUND');
    });

    it('shows an MSSP analyst its assigned tenants, and a platform admin every tenant', async () => {
      const mine = await gql(app, analyst.token, SLA_REPORT, window);
      expect(mine.body.data.slaReport.byTenant.map((t: { tenantId: string }) => t.tenantId)).toEqual([
        a.tenant.id,
      ]);
      expect(code(await gql(app, analyst.token, SLA_REPORT, { ...window, t: b.tenant.id }))).toBe(
        'NOT_FOUND',
      );

      const all = await gql(app, admin.token, SLA_REPORT, window);
      const tenants = all.body.data.slaReport.byTenant.map((t: { tenantId: string }) => t.tenantId);
      expect(tenants).toEqual(expect.arrayContaining([a.tenant.id, b.tenant.id]));
      const onlyB = await gql(app, admin.token, SLA_REPORT, { ...window, t: b.tenant.id });
      expect(onlyB.body.data.slaReport.total).toMatchObject({
        cases: 1,
        ackCompliancePercent: 0,
        resolveCompliancePercent: 0,
      });
    });
  });
});
