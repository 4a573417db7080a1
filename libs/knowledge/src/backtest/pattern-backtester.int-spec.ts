import type { TestingModule } from '@nestjs/testing';
import { ManualClock, UnitOfWork } from '@sieve/core';
import pg from 'pg';
import { allHold, type Fingerprint, type Predicate } from '../patterns/predicate.js';
import {
  markTruePositive,
  seedFindings,
  seedTenantRow,
  bootLearning,
} from '../learning/testing/learning-test-context.js';
import { seededRandom, pick } from '../testing/seeded-random.js';
import type { BacktestReport, BacktestSubject } from './backtest-report.js';
import { PatternBacktester } from './pattern-backtester.js';

const TYPE = 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS';
const DAY = 86_400_000;

describe('PatternBacktester (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const now = new Date();
  const clock = new ManualClock(now);
  let moduleRef: TestingModule;
  let backtester: PatternBacktester;
  let uow: UnitOfWork;

  const subject = (predicates: Predicate[], patch: Partial<BacktestSubject> = {}): BacktestSubject => ({
    findingType: TYPE,
    predicates,
    allowCritical: false,
    support: null,
    ...patch,
  });
  const run = (tenantId: string, s: BacktestSubject, days = 30, samples?: number): Promise<BacktestReport> =>
    uow.withTenant(tenantId, (manager) => backtester.run(manager, tenantId, s, { days, samples }));

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await bootLearning(clock);
    backtester = moduleRef.get(PatternBacktester);
    uow = moduleRef.get(UnitOfWork);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  it('agrees with predicateHolds on every finding: the SQL prefilter never drops a match', async () => {
    const tenantId = await seedTenantRow(owner);
    const random = seededRandom(6);
    const fingerprints: Fingerprint[] = Array.from({ length: 400 }, (_, i) => {
      const fp: Record<string, string | number | boolean | string[]> = {
        findingType: TYPE,
        principalKey: pick(random, [
          '710000000001:role/deploy',
          '710000000001:role/backup',
          '710000000001:user/eve',
        ]),
        apiAction: pick(random, [
          's3:ListBuckets',
          's3:GetObject',
          'iam:CreateUser',
          'ec2:DescribeInstances',
        ]),
        remoteAsn: pick(random, [7922, 16509, 14061]),
        remoteIp: pick(random, ['198.51.100.7', '203.0.113.9', '2001:db8::5', '::ffff:198.51.100.8']),
        userAgentMajor: pick(random, [1, 2, 3]),
        localPorts: pick(random, [[], ['22'], ['22', '443']]),
        resourceTagKeys: pick(random, [['Environment'], ['Environment', 'Team'], []]),
        resourceTagged: random() < 0.5,
      };
      // Some findings lack features altogether, some hold a list where others hold a scalar.
      if (i % 7 === 0) delete fp.userAgentMajor;
      if (i % 11 === 0) fp.apiAction = ['s3:ListBuckets', 'iam:CreateUser'];
      if (i % 13 === 0) delete fp.resourceTagKeys;
      return fp;
    });
    await seedFindings(
      owner,
      tenantId,
      fingerprints.map((fingerprint, i) => ({
        fingerprint,
        lastSeenAt: new Date(now.getTime() - (i + 1) * 60_000),
      })),
    );

    const cases: Predicate[][] = [
      [{ feature: 'principalKey', op: 'equals', value: '710000000001:role/deploy' }],
      [{ feature: 'apiAction', op: 'equals', value: 's3:ListBuckets' }],
      [{ feature: 'apiAction', op: 'in', values: ['iam:CreateUser', 'ec2:DescribeInstances'] }],
      [
        { feature: 'remoteAsn', op: 'asn', asns: [16509] },
        { feature: 'userAgentMajor', op: 'range', min: 2 },
      ],
      [{ feature: 'userAgentMajor', op: 'range', max: 1 }],
      [{ feature: 'apiAction', op: 'prefix', value: 's3:' }],
      [{ feature: 'remoteIp', op: 'cidr', blocks: ['198.51.100.0/24'] }],
      [{ feature: 'localPorts', op: 'in', values: ['443'] }],
      [{ op: 'tagPresent', key: 'Team' }],
      [{ op: 'tagAbsent', key: 'Team' }],
      [
        { feature: 'userAgentMajor', op: 'absent' },
        { feature: 'resourceTagged', op: 'equals', value: true },
      ],
      [
        { feature: 'resourceTagKeys', op: 'present' },
        { feature: 'principalKey', op: 'prefix', value: '710000000001:user/' },
      ],
    ];
    for (const predicates of cases) {
      const expected = fingerprints.filter((fp) => allHold(predicates, fp)).length;
      const report = await run(tenantId, subject(predicates));
      expect({ predicates, matched: report.matched }).toEqual({ predicates, matched: expected });
      expect(report.scanned).toBeGreaterThanOrEqual(expected);
    }
  });

  it('counts what it would suppress and what a novelty veto would raise, with recent samples', async () => {
    const tenantId = await seedTenantRow(owner);
    const deploy: Fingerprint = {
      findingType: TYPE,
      principalKey: '710000000001:role/deploy',
      remoteAsn: 7922,
    };
    const ids = await seedFindings(owner, tenantId, [
      {
        fingerprint: deploy,
        lastSeenAt: new Date(now.getTime() - 1 * DAY),
        verdict: 'RAISED',
        title: 'newest',
      },
      {
        fingerprint: deploy,
        lastSeenAt: new Date(now.getTime() - 2 * DAY),
        verdict: 'SUPPRESSED',
        severity: 'MEDIUM',
      },
      { fingerprint: deploy, lastSeenAt: new Date(now.getTime() - 3 * DAY), severity: 'CRITICAL' },
      {
        fingerprint: { ...deploy, newCountry: true, remoteCountry: 'KP' },
        lastSeenAt: new Date(now.getTime() - 4 * DAY),
      },
      // Outside the window, and another principal.
      { fingerprint: deploy, lastSeenAt: new Date(now.getTime() - 40 * DAY) },
      {
        fingerprint: { ...deploy, principalKey: '710000000001:role/other' },
        lastSeenAt: new Date(now.getTime() - DAY),
      },
    ]);
    const report = await run(
      tenantId,
      subject([{ feature: 'principalKey', op: 'equals', value: '710000000001:role/deploy' }]),
      30,
      1,
    );
    expect(report).toMatchObject({
      days: 30,
      scanned: 4,
      matched: 4,
      suppressed: 2,
      vetoed: 2,
      previouslyRaised: 1,
      byFindingType: [{ key: TYPE, count: 2 }],
      bySeverity: [
        { key: 'LOW', count: 1 },
        { key: 'MEDIUM', count: 1 },
      ],
      samples: [{ findingId: ids[0], title: 'newest', verdict: 'RAISED', findingType: TYPE }],
      truePositives: 0,
    });
    expect(report.since.getTime()).toBe(now.getTime() - 30 * DAY);
    // A pattern that allows CRITICAL and whose support saw KP suppresses all four.
    const permissive = await run(
      tenantId,
      subject([{ feature: 'principalKey', op: 'equals', value: '710000000001:role/deploy' }], {
        allowCritical: true,
        support: { findings: 3, countries: ['KP'] },
      }),
    );
    expect(permissive).toMatchObject({ matched: 4, suppressed: 4, vetoed: 0 });
  });

  it('finds the true positives it would hide, of any age, even those a veto would have raised once', async () => {
    const tenantId = await seedTenantRow(owner);
    const stolen: Fingerprint = {
      findingType: TYPE,
      principalKey: '710000000001:role/deploy',
      remoteAsn: 14061,
    };
    const [old, recent, other] = await seedFindings(owner, tenantId, [
      {
        fingerprint: stolen,
        lastSeenAt: new Date(now.getTime() - 200 * DAY),
        title: 'stolen keys, last year',
      },
      {
        fingerprint: { ...stolen, newCountry: true, remoteCountry: 'RU' },
        lastSeenAt: new Date(now.getTime() - DAY),
        title: 'stolen keys',
      },
      { fingerprint: { ...stolen, remoteAsn: 7922 }, lastSeenAt: new Date(now.getTime() - DAY) },
    ]);
    const oldCase = await markTruePositive(owner, tenantId, old);
    await markTruePositive(owner, tenantId, recent);
    await markTruePositive(owner, tenantId, other);

    const report = await run(tenantId, subject([{ feature: 'remoteAsn', op: 'asn', asns: [14061] }]));
    expect(report.truePositives).toBe(2);
    expect(report.truePositiveFindings).toEqual([
      expect.objectContaining({ findingId: recent, title: 'stolen keys', vetoed: true }),
      expect.objectContaining({ findingId: old, caseId: oldCase, vetoed: false }),
    ]);
    const clean = await run(tenantId, subject([{ feature: 'remoteAsn', op: 'asn', asns: [16509] }]));
    expect(clean.truePositives).toBe(0);
  });

  it("reads a 100,000-finding month of a tenant in batches, in seconds, and sees no other tenant's", async () => {
    const tenantId = await seedTenantRow(owner, 'big');
    const neighbour = await seedTenantRow(owner, 'neighbour');
    // 100,000 findings of the type over 30 days: 1% by the deploy role, the rest by 99 other principals.
    await owner.query(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
         title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources, observables,
         raw, first_seen_at, last_seen_at, triage_status, verdict, verdict_at, fingerprint)
       SELECT $1, 'p', 'bulk-' || n, 'securityhub', '710000000001', 'eu-west-1', $2, ARRAY[$2], 'bulk ' || n, 'LOW', 20,
         $3::timestamptz - n * interval '25 seconds', $3::timestamptz - n * interval '25 seconds', '[]', '{}', '{}',
         $3::timestamptz - n * interval '25 seconds', $3::timestamptz - n * interval '25 seconds', 'DONE', 'RAISED',
         $3::timestamptz - n * interval '25 seconds',
         jsonb_build_object('findingType', $2::text, 'principalKey', '710000000001:role/p' || (n % 100),
           'remoteIp', '198.51.' || (n % 200) || '.' || (n % 250), 'remoteAsn', 7922 + (n % 3), 'apiAction', 's3:ListBuckets')
       FROM generate_series(1, 100000) AS n`,
      [tenantId, TYPE, now],
    );
    await seedFindings(owner, neighbour, [
      { fingerprint: { findingType: TYPE, principalKey: '710000000001:role/p0' }, lastSeenAt: now },
    ]);
    await owner.query('ANALYZE findings');

    let started = performance.now();
    const indexed = await run(
      tenantId,
      subject([{ feature: 'principalKey', op: 'equals', value: '710000000001:role/p0' }]),
    );
    const indexedMs = performance.now() - started;
    expect(indexed).toMatchObject({ scanned: 1000, matched: 1000, suppressed: 1000 });

    // A CIDR cannot be checked in SQL: every finding of the window is read, 2,000 at a time.
    started = performance.now();
    const scanned = await run(
      tenantId,
      subject([{ feature: 'remoteIp', op: 'cidr', blocks: ['198.51.7.0/24'] }]),
    );
    const scannedMs = performance.now() - started;
    expect(scanned.scanned).toBeGreaterThan(99_000);
    expect(scanned.matched).toBe(500);
    expect(indexedMs).toBeLessThan(2_000);
    expect(scannedMs).toBeLessThan(15_000);
  }, 90_000);
});
