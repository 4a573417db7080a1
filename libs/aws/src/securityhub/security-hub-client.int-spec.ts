import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { startAwsEmulator, type RunningAwsEmulator } from '../../../../apps/aws-emulator/src/index.js';
import { makeFinding } from '../../../../apps/aws-emulator/test/emulator-fixture.js';
import type { AwsRegionTarget } from '../aws-target.js';
import { AWS_RATE_LIMITS, AwsRateLimits, type RateLimit } from '../rate-limit/aws-rate-limits.js';
import {
  type AwsClientsTestContext,
  type AwsClientsTestOptions,
  createAwsClientsTestModule,
  DEMO_TARGET,
  uniqueRedisPrefix,
} from '../testing/aws-clients.fixture.js';
import { SecurityHubGateway } from './security-hub-client.js';

describe('SecurityHubGateway against the AWS emulator', () => {
  let emulator: RunningAwsEmulator;
  const contexts: AwsClientsTestContext[] = [];

  const start = async (options: AwsClientsTestOptions = {}) => {
    const context = await createAwsClientsTestModule(emulator, options);
    contexts.push(context);
    return context.module.get(SecurityHubGateway);
  };
  /** Puts `count` findings into a region of the demo account, which holds none there otherwise. */
  const injected = (region: string, count: number): AwsRegionTarget => {
    const findings = Array.from({ length: count }, (_, index) =>
      makeFinding(DEMO_TARGET.accountId, region, index),
    );
    emulator.admin.injectFindings(DEMO_TARGET.accountId, region, findings);
    return { ...DEMO_TARGET, region };
  };
  const readAll = async (hub: SecurityHubGateway, target: AwsRegionTarget, pageSize: number) => {
    const pages: AwsSecurityFinding[][] = [];
    for await (const page of hub.getFindings(target, { pageSize })) pages.push(page);
    return { pages, ids: pages.flat().map((finding) => finding.Id) };
  };
  const getFindingsArrivals = (region: string) =>
    emulator.admin
      .counters()
      .recent.filter((request) => request.operation === 'GetFindings' && request.region === region)
      .map((request) => request.at);

  beforeAll(async () => {
    emulator = await startAwsEmulator({ port: 0 });
  });
  beforeEach(() => emulator.admin.reset());
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.module.close()));
  });
  afterAll(() => emulator.close());

  it('reads all 30 demo findings across pages of 7', async () => {
    const hub = await start();
    const { pages, ids } = await readAll(hub, DEMO_TARGET, 7);
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 2]);
    expect(new Set(ids).size).toBe(30);
    expect(emulator.admin.counters().outcomes.GetFindings).toEqual({ OK: 5 });
  });

  it('passes filters and sort order through, and stops at maxResults', async () => {
    const hub = await start();
    const findings: AwsSecurityFinding[] = [];
    for await (const page of hub.getFindings(DEMO_TARGET, {
      filters: { ProductName: [{ Value: 'GuardDuty', Comparison: 'EQUALS' }] },
      sortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }],
      pageSize: 4,
      maxResults: 10,
    })) {
      findings.push(...page);
    }
    expect(findings).toHaveLength(10);
    expect(findings.every((finding) => finding.ProductName === 'GuardDuty')).toBe(true);
    const updated = findings.map((finding) => finding.UpdatedAt!);
    expect(updated).toEqual([...updated].sort());
    expect(emulator.admin.counters().byOperation.GetFindings).toBe(3);
  });

  it('probes with a single-finding page', async () => {
    const page = await (await start()).getFindingsPage(DEMO_TARGET, { maxResults: 1 });
    expect(page.findings).toHaveLength(1);
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it('reads 250 findings exactly once under 30% throttling while staying within the real GetFindings quota', async () => {
    const target = injected('us-west-2', 250);
    const hub = await start();
    emulator.admin.setFaults({ throttleRatio: 0.3, operations: ['GetFindings'] });

    const { ids } = await readAll(hub, target, 10);

    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    const counters = emulator.admin.counters();
    const requests = counters.byOperation.GetFindings;
    // The SDK retried every 429; the only ones answered are the injected faults (every 3rd-4th
    // request), so the emulator's own AWS-rate bucket never had to throttle Sieve.
    expect(counters.outcomes.GetFindings).toEqual({
      OK: 25,
      TooManyRequestsException: Math.ceil(requests * 0.3 - 1e-9),
    });
    const limit = AWS_RATE_LIMITS.GetFindings;
    expect(worstExcess(getFindingsArrivals('us-west-2'), limit, 100)).toBeLessThanOrEqual(0);
    // A bucket of 6 refilled at 3/s admits at most 6 + 3 in one clock second.
    expect(counters.peakPerSecond.GetFindings).toBeLessThanOrEqual(limit.burst + limit.ratePerSecond);
  }, 30_000);

  it('shares one quota between processes reading the same account and region', async () => {
    const limit = { ratePerSecond: 20, burst: 5 };
    emulator.admin.setThrottling({ GetFindings: limit });
    const target = injected('eu-central-1', 250);
    const limits = new AwsRateLimits({ ...AWS_RATE_LIMITS, GetFindings: limit });
    const redisPrefix = uniqueRedisPrefix();
    const processes = [await start({ limits, redisPrefix }), await start({ limits, redisPrefix })];

    const started = Date.now();
    const reads = await Promise.all(processes.map((hub) => readAll(hub, target, 10)));

    for (const { ids } of reads) expect(new Set(ids).size).toBe(250);
    // 50 requests from a bucket of 5 refilled at 20/s: at least 2.25 s together.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_200);
    expect(worstExcess(getFindingsArrivals('eu-central-1'), limit, 50)).toBeLessThanOrEqual(0);
  }, 30_000);

  it('updates 250 identifiers in 3 batches and reports unknown ones with their code', async () => {
    const target = injected('us-west-2', 240);
    const hub = await start();
    const known = emulator.admin
      .listFindings(DEMO_TARGET.accountId, 'us-west-2')
      .map((finding) => ({ Id: finding.Id, ProductArn: finding.ProductArn }));
    const unknown = Array.from({ length: 10 }, (_, index) => ({
      Id: `missing-${index}`,
      ProductArn: known[0].ProductArn,
    }));

    const result = await hub.batchUpdateFindings(target, {
      identifiers: [...known.slice(0, 120), ...unknown, ...known.slice(120)],
      workflowStatus: 'SUPPRESSED',
      note: { text: 'Known good: pattern p-1', updatedBy: 'sieve' },
    });

    expect(emulator.admin.counters().outcomes.BatchUpdateFindings).toEqual({ OK: 3 });
    expect(result.processed).toHaveLength(240);
    expect(result.unprocessed).toEqual(
      unknown.map((identifier) => ({
        id: identifier.Id,
        productArn: identifier.ProductArn,
        errorCode: 'FindingNotFound',
        errorMessage: expect.any(String),
        retryable: false,
      })),
    );
    const stored = emulator.admin.listFindings(DEMO_TARGET.accountId, 'us-west-2');
    expect(
      stored.every((finding) => (finding.Workflow as { Status?: string })?.Status === 'SUPPRESSED'),
    ).toBe(true);
    expect(
      stored.every((finding) => (finding.Note as { Text?: string })?.Text === 'Known good: pattern p-1'),
    ).toBe(true);
  });

  it('succeeds through the SDK retries when half of all requests fail with a server error', async () => {
    emulator.admin.setFaults({ serverErrorRatio: 0.5 });
    const hub = await start();

    const { ids } = await readAll(hub, DEMO_TARGET, 7);
    const update = await hub.batchUpdateFindings(DEMO_TARGET, {
      identifiers: [{ Id: ids[0]!, ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' }],
      note: { text: 'checked', updatedBy: 'sieve' },
    });

    expect(new Set(ids).size).toBe(30);
    expect(update.processed.length + update.unprocessed.length).toBe(1);
    const { outcomes } = emulator.admin.counters();
    // Faults hit the 1st, 3rd, 5th… request: every call failed once, then passed.
    expect(outcomes.AssumeRole).toEqual({ InternalFailure: 1, OK: 1 });
    expect(outcomes.GetFindings).toEqual({ InternalException: 5, OK: 5 });
    expect(outcomes.BatchUpdateFindings).toEqual({ InternalException: 1, OK: 1 });
  });
});

/**
 * The largest excess over `burst + rate·t` across every window between two arrivals (≤ 0 complies);
 * `slackMs` widens each window by the jitter between taking a token and reaching the emulator.
 */
function worstExcess(arrivals: number[], { ratePerSecond, burst }: RateLimit, slackMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let worst = Number.NEGATIVE_INFINITY;
  for (let first = 0; first < sorted.length; first++) {
    for (let last = first; last < sorted.length; last++) {
      const windowMs = sorted[last] - sorted[first] + slackMs;
      worst = Math.max(worst, last - first + 1 - (burst + (ratePerSecond * windowMs) / 1000));
    }
  }
  return worst;
}
