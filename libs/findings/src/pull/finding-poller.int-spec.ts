import { AwsAccessException, SecurityHubGateway } from '@sieve/aws';
import { Clock, UnitOfWork } from '@sieve/core';
import { FindingPoller } from './finding-poller.js';
import { INTERNAL_POLL_FAILURE } from './poll-failure-reason.js';
import { PullSettings } from './pull-settings.js';
import {
  type DeployedAccount,
  type PullTestContext,
  type SeededTenant,
  asffFinding,
  cursorOf,
  deployAccount,
  seedTenant,
  startPullTestContext,
  storedOf,
} from './testing/pull-test-context.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

describe('FindingPoller against the AWS emulator, PostgreSQL and Redis', () => {
  let ctx: PullTestContext;
  let tenant: SeededTenant;

  beforeAll(async () => {
    ctx = await startPullTestContext();
    tenant = await seedTenant(ctx);
  });
  afterAll(() => ctx.close());

  /** Puts findings into the account's Security Hub, as their providers' BatchImportFindings would. */
  const inject = (account: DeployedAccount, findings: Record<string, unknown>[]) =>
    ctx.emulator.admin.injectFindings(account.accountId, account.target.region, findings);
  /** `count` findings, the i-th updated at `updatedAt(i)`. */
  const findings = (account: DeployedAccount, count: number, updatedAt: (i: number) => number) =>
    Array.from({ length: count }, (_, i) => asffFinding(account.accountId, i, updatedAt(i)));
  const expectEachStoredOnce = async (account: DeployedAccount, count: number) => {
    const stored = await storedOf(ctx, account.target);
    expect(stored.size).toBe(count);
    expect([...stored.values()].every((occurrences) => occurrences === 1)).toBe(true);
  };

  describe('an account polled again and again', () => {
    let account: DeployedAccount;
    // 250 findings ten seconds apart over the last three hours; and one older than the first poll's lookback.
    const t0 = Date.now() - 3 * HOUR;
    const updatedAt = (i: number) => t0 + i * 10 * SECOND;
    const last = updatedAt(249);

    beforeAll(async () => {
      account = await deployAccount(ctx, tenant);
      inject(account, [
        ...findings(account, 250, updatedAt),
        asffFinding(account.accountId, 999, Date.now() - 8 * 24 * HOUR),
      ]);
    });

    it('reads every finding of the lookback on the first poll, archived ones included, and stores each once', async () => {
      const summary = await ctx.poller.poll(account.target);

      expect(summary).toEqual({
        read: 250,
        inserted: 250,
        updated: 0,
        unchanged: 0,
        invalid: 0,
        pages: 3,
        cursor: iso(last),
      });
      await expectEachStoredOnce(account, 250);
      const cursor = await cursorOf(ctx, account.target);
      expect(cursor).toMatchObject({ last_error: null, findings_read: '250' });
      expect(cursor?.updated_since?.toISOString()).toBe(iso(last));
      expect(cursor?.last_polled_at).toBeInstanceOf(Date);
      expect(cursor?.last_success_at?.getTime()).toBeGreaterThanOrEqual(cursor!.last_polled_at!.getTime());
    });

    it('reads only the overlap window when nothing changed, and stores nothing new', async () => {
      const summary = await ctx.poller.poll(account.target);

      // Five minutes before the cursor: the last 31 findings (ten seconds apart).
      expect(summary).toEqual({
        read: 31,
        inserted: 0,
        updated: 0,
        unchanged: 31,
        invalid: 0,
        pages: 1,
        cursor: iso(last),
      });
      await expectEachStoredOnce(account, 250);
      expect((await cursorOf(ctx, account.target))?.findings_read).toBe('281');
    });

    it('picks up findings their provider updated since, as updated', async () => {
      const updated = Date.now() - MINUTE;
      inject(
        account,
        [0, 5, 100].map((n) =>
          asffFinding(account.accountId, n, updated, {
            CreatedAt: iso(updatedAt(n)),
            Title: `Port probe ${n}, still going`,
            Severity: { Label: 'HIGH', Normalized: 70 },
          }),
        ),
      );

      const summary = await ctx.poller.poll(account.target);

      expect(summary).toEqual({
        read: 34,
        inserted: 0,
        updated: 3,
        unchanged: 31,
        invalid: 0,
        pages: 1,
        cursor: iso(updated),
      });
      const { rows } = await ctx.owner.query(
        `SELECT title, severity_label, occurrences FROM findings
         WHERE tenant_id = $1 AND finding_id = $2`,
        [tenant.tenantId, asffFinding(account.accountId, 5, 0).Id],
      );
      expect(rows).toEqual([{ title: 'Port probe 5, still going', severity_label: 'HIGH', occurrences: 2 }]);
    });
  });

  it('stores every one of many findings sharing one UpdatedAt across page boundaries', async () => {
    const account = await deployAccount(ctx, tenant);
    const same = Date.now() - HOUR;
    inject(
      account,
      findings(account, 250, () => same),
    );

    const summary = await ctx.poller.poll(account.target);

    expect(summary).toMatchObject({ read: 250, inserted: 250, pages: 3, cursor: iso(same) });
    await expectEachStoredOnce(account, 250);
  });

  it('resumes after a crash mid-run from the last committed page: each finding stored once, cursor right', async () => {
    const account = await deployAccount(ctx, tenant);
    const t0 = Date.now() - 2 * HOUR;
    const updatedAt = (i: number) => t0 + i * 10 * SECOND;
    inject(account, findings(account, 250, updatedAt));

    ctx.store.failOnCall(2);
    await expect(ctx.poller.poll(account.target)).rejects.toThrow('simulated crash');

    // Page 1 (findings 0-99) committed with its cursor; page 2 rolled back.
    expect((await storedOf(ctx, account.target)).size).toBe(100);
    expect(await cursorOf(ctx, account.target)).toMatchObject({
      updated_since: new Date(updatedAt(99)),
      last_success_at: null,
      last_error: INTERNAL_POLL_FAILURE,
      findings_read: '100',
    });

    const summary = await ctx.poller.poll(account.target);

    // From five minutes before finding 99: findings 69-249.
    expect(summary).toEqual({
      read: 181,
      inserted: 150,
      updated: 0,
      unchanged: 31,
      invalid: 0,
      pages: 2,
      cursor: iso(updatedAt(249)),
    });
    await expectEachStoredOnce(account, 250);
    expect(await cursorOf(ctx, account.target)).toMatchObject({ last_error: null, findings_read: '281' });
  });

  it('skips none of a tie cut by a crash even without overlap: the cursor is inclusive', async () => {
    const account = await deployAccount(ctx, tenant);
    const tie = Date.now() - HOUR;
    // 20 before the tie, 210 at it (pages 1 and 2 both end inside it), 20 after.
    const updatedAt = (i: number) =>
      i < 20 ? tie - (20 - i) * SECOND : i < 230 ? tie : tie + (i - 229) * SECOND;
    inject(account, findings(account, 250, updatedAt));
    const noOverlap = new FindingPoller(
      ctx.module.get(UnitOfWork),
      ctx.store,
      ctx.module.get(SecurityHubGateway),
      ctx.module.get(Clock),
      new PullSettings({ overlapMs: 0 }),
    );

    ctx.store.failOnCall(2);
    await expect(noOverlap.poll(account.target)).rejects.toThrow('simulated crash');
    expect((await cursorOf(ctx, account.target))?.updated_since).toEqual(new Date(tie));

    const summary = await noOverlap.poll(account.target);

    // Everything at or after the tie: the 80 tied findings of page 1 again, and the 150 never stored.
    expect(summary).toMatchObject({ read: 230, inserted: 150, unchanged: 80, cursor: iso(updatedAt(249)) });
    await expectEachStoredOnce(account, 250);
  });

  it('reads everything while Security Hub throttles 30% of GetFindings requests', async () => {
    const account = await deployAccount(ctx, tenant);
    const t0 = Date.now() - HOUR;
    inject(
      account,
      findings(account, 250, (i) => t0 + i * SECOND),
    );
    ctx.emulator.admin.resetCounters();
    ctx.emulator.admin.setFaults({
      throttleRatio: 0.3,
      operations: ['GetFindings'],
      accountIds: [account.accountId],
    });
    try {
      const summary = await ctx.poller.poll(account.target);

      expect(summary).toMatchObject({ read: 250, inserted: 250, pages: 3 });
      expect(ctx.emulator.admin.counters().outcomes.GetFindings).toMatchObject({
        OK: 3,
        TooManyRequestsException: expect.any(Number),
      });
    } finally {
      ctx.emulator.admin.resetFaults();
    }
    await expectEachStoredOnce(account, 250);
  }, 20_000);

  it('counts and skips an invalid finding in the middle of a page, storing the rest', async () => {
    const account = await deployAccount(ctx, tenant);
    const t0 = Date.now() - HOUR;
    // Security Hub accepts a whitespace-only Title; Sieve's ASFF validation does not.
    const all = findings(account, 21, (i) => t0 + i * SECOND);
    all[10] = { ...all[10], Title: '   ' };
    inject(account, all);

    const summary = await ctx.poller.poll(account.target);

    expect(summary).toMatchObject({ read: 21, inserted: 20, invalid: 1, cursor: iso(t0 + 20 * SECOND) });
    const stored = await storedOf(ctx, account.target);
    expect(stored.size).toBe(20);
    expect(stored.has(String(all[10].Id))).toBe(false);
  });

  it('records why a deleted role failed the poll, for the customer, and leaves the cursor alone', async () => {
    const account = await deployAccount(ctx, tenant);
    const t0 = Date.now() - HOUR;
    inject(
      account,
      findings(account, 3, (i) => t0 + i * SECOND),
    );
    await ctx.poller.poll(account.target);
    const before = await cursorOf(ctx, account.target);

    ctx.emulator.admin.setFaults({ deletedRoleArns: [account.roleArn] });
    try {
      const failure = ctx.poller.poll(account.target);
      await expect(failure).rejects.toBeInstanceOf(AwsAccessException);
    } finally {
      ctx.emulator.admin.resetFaults();
    }

    const after = await cursorOf(ctx, account.target);
    expect(after?.updated_since).toEqual(before?.updated_since);
    expect(after?.updated_since).toEqual(new Date(t0 + 2 * SECOND));
    expect(after?.last_success_at).toEqual(before?.last_success_at);
    expect(after?.last_polled_at?.getTime()).toBeGreaterThan(before!.last_polled_at!.getTime());
    expect(after?.last_error).toMatch(
      new RegExp(`could not assume ${account.roleArn.replace(/[/.]/g, '\\$&')}.*ExternalId`),
    );
    // The broker reported the role: the account is DEGRADED, and the scheduler stops polling it.
    const { rows } = await ctx.owner.query(`SELECT status FROM aws_accounts WHERE account_id = $1`, [
      account.accountId,
    ]);
    expect(rows).toEqual([{ status: 'DEGRADED' }]);
    expect(await ctx.scheduler.resolve(account.target)).toBeNull();
  });
});
