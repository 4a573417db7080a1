import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import {
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  RedisModule,
  RedisService,
} from '@sieve/core';
import { Queue } from 'bullmq';
import { FindingPoller } from './finding-poller.js';
import { FindingsPullModule } from './findings-pull.module.js';
import { PollScheduler, pollJobData, pollJobId } from './poll-scheduler.js';
import { PullSettings } from './pull-settings.js';
import {
  type PullTestContext,
  type SeededTenant,
  deployAccount,
  seedTenant,
  startPullTestContext,
} from './testing/pull-test-context.js';

describe('PollScheduler', () => {
  let ctx: PullTestContext;
  let a: SeededTenant;
  let b: SeededTenant;

  beforeAll(async () => {
    ctx = await startPullTestContext();
    a = await seedTenant(ctx);
    b = await seedTenant(ctx);
  });
  afterAll(() => ctx.close());

  it('lists every region of every ACTIVE account of every tenant, and none of DEGRADED or FAILED ones', async () => {
    const active = await deployAccount(ctx, a, { regions: ['us-east-1', 'eu-west-1'] });
    const degraded = await deployAccount(ctx, a, { status: 'DEGRADED' });
    const failed = await deployAccount(ctx, a, { status: 'FAILED' });
    const other = await deployAccount(ctx, b);

    const mine = new Set([a.tenantId, b.tenantId]);
    // The run's database holds other test files' tenants too.
    const targets = (await ctx.scheduler.targets()).filter((t) => mine.has(t.tenantId));

    expect(targets).toHaveLength(3);
    expect(targets).toEqual(
      expect.arrayContaining([
        active.target,
        { ...active.target, region: 'eu-west-1' },
        { ...other.target, externalId: b.externalId },
      ]),
    );
    const accounts = targets.map((t) => t.accountId);
    expect(accounts).not.toContain(degraded.accountId);
    expect(accounts).not.toContain(failed.accountId);

    // A queued job names its target only; the role and ExternalId are looked up when it runs.
    expect(await ctx.scheduler.resolve(pollJobData(active.target))).toEqual(active.target);
    expect(await ctx.scheduler.resolve(pollJobData(degraded.target))).toBeNull();
    expect(await ctx.scheduler.resolve({ ...pollJobData(active.target), region: 'ap-south-1' })).toBeNull();
    // Another tenant's account is not found under this tenant.
    expect(await ctx.scheduler.resolve({ ...pollJobData(other.target), tenantId: a.tenantId })).toBeNull();
  });

  it('gives each target one job id that BullMQ accepts, so a queued poll is not queued twice', async () => {
    const tenantId = randomUUID();
    const target = { tenantId, accountId: '123456789012', region: 'us-east-1' };
    expect(pollJobId(target)).toBe(`poll.${tenantId}.123456789012.us-east-1`);
    expect(pollJobId({ ...target, region: 'eu-west-1' })).not.toBe(pollJobId(target));

    const queue = new Queue('pull-test', {
      connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      prefix: `${process.env.REDIS_PREFIX ?? 'sieve-test'}:pull:${randomUUID()}:{bull}`,
    });
    try {
      await queue.add('poll', pollJobData(target), { jobId: pollJobId(target) });
      await queue.add('poll', pollJobData(target), { jobId: pollJobId(target) });
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('comes as one module for the worker, taking its settings', async () => {
    const settings = new PullSettings({ firstPollLookbackMs: 60_000 });
    const module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sieve-test'}:pull:${randomUUID()}`,
        }),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test' }),
        RedisModule,
        AuditModule,
        FindingsPullModule.register(settings),
      ],
    }).compile();
    try {
      await module.init();
      await module.get(RedisService).client.ping();
      expect(module.get(PollScheduler)).toBeInstanceOf(PollScheduler);
      // The poller took the module's settings, not its defaults.
      expect(Reflect.get(module.get(FindingPoller), 'settings')).toBe(settings);
    } finally {
      await module.close();
    }
  });
});
