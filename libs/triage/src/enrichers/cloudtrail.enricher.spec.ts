import type { TrailEvents, TrailEventsQuery } from '@sieve/aws';
import { ErrorCode, ManualClock, SieveException } from '@sieve/core';
import { EnrichmentRunner } from '../enrichment/enrichment-runner.js';
import {
  apiCallAsff,
  exfiltrationAsff,
  portProbeAsff,
  rootConsoleAsff,
  TENANT_ID,
  torUserAsff,
  triageOf,
} from '../testing/fixtures.js';
import type { TriageFinding } from '../triage-finding.js';
import type { CloudTrailEventSource } from './cloudtrail-events.js';
import {
  CloudTrailEnricher,
  type CloudTrailSettings,
  cloudTrailLookupOf,
  DEFAULT_CLOUDTRAIL_SETTINGS,
  lookupWindow,
  MAX_PENDING_LOOKUPS,
  MAX_WINDOW_MS,
  RECENT_TTL_MS,
  REFUSAL_TTL_MS,
} from './cloudtrail.enricher.js';

interface Call {
  accountId: string;
  region: string;
  query: TrailEventsQuery;
  answer: (events: TrailEvents) => void;
  fail: (error: unknown) => void;
}

/** The customer's CloudTrail, answering only when the test says so. */
class ScriptedTrail implements CloudTrailEventSource {
  readonly calls: Call[] = [];

  lookupEvents(_tenantId: string, accountId: string, region: string, query: TrailEventsQuery) {
    return new Promise<TrailEvents>((answer, fail) =>
      this.calls.push({ accountId, region, query, answer, fail }),
    );
  }

  /** Answers every open call; as real lookups do, a microtask later. */
  async answerAll(events: TrailEvents = { events: [], truncated: false }): Promise<void> {
    for (const call of this.calls.splice(0)) call.answer(events);
    await Promise.resolve();
  }
}

const LISTING: TrailEvents = {
  events: [
    {
      eventId: 'e-1',
      eventName: 'ListBuckets',
      eventSource: 's3.amazonaws.com',
      eventTime: new Date('2026-11-29T06:59:00Z'),
      errorCode: 'AccessDenied',
    },
  ],
  truncated: false,
};

const exfiltration = triageOf(exfiltrationAsff);

/** An API-call finding of `principal`, with a placeholder access key like GuardDuty's sample findings. */
function findingOf(principal: { type: string; name?: string; principalId?: string }): TriageFinding {
  return triageOf(
    apiCallAsff({
      id: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a',
      guardDutyType: 'Discovery:IAMUser/AnomalousBehavior',
      asffType: 'TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior',
      api: 'ListBuckets',
      service: 's3.amazonaws.com',
      principal: { ...principal, accessKeyId: 'GeneratedFindingAccessKeyId' },
    }),
  );
}

describe('cloudTrailLookupOf', () => {
  it('looks a principal up by its access key, else by the name CloudTrail files it under', () => {
    expect(cloudTrailLookupOf(exfiltration)).toEqual({
      attribute: 'AccessKeyId',
      value: 'ASIAQ3EGWZJ5T7XKM2PB',
    });
    expect(cloudTrailLookupOf(triageOf(torUserAsff))).toEqual({
      attribute: 'AccessKeyId',
      value: 'AKIAQ3EGWZJ5ALICE001',
    });
    expect(cloudTrailLookupOf(findingOf({ type: 'IAMUser', name: 'alice' }))).toEqual({
      attribute: 'Username',
      value: 'alice',
    });
    expect(
      cloudTrailLookupOf(
        findingOf({
          type: 'AssumedRole',
          name: 'deploy',
          principalId: 'AROAQ3EGWZJ5W4PLM9XYZ:GitHubActions',
        }),
      ),
    ).toEqual({ attribute: 'Username', value: 'GitHubActions' });
    expect(cloudTrailLookupOf(findingOf({ type: 'Root' }))).toEqual({ attribute: 'Username', value: 'root' });
  });

  it('has nothing to look up without a principal, or for a role without session or a service', () => {
    expect(cloudTrailLookupOf(triageOf(portProbeAsff))).toBeUndefined();
    expect(cloudTrailLookupOf(findingOf({ type: 'AssumedRole', name: 'deploy' }))).toBeUndefined();
    expect(
      cloudTrailLookupOf(findingOf({ type: 'AWSService', name: 'cloudformation.amazonaws.com' })),
    ).toBeUndefined();
  });
});

describe('lookupWindow', () => {
  it('runs from 15 minutes before the finding was created to 5 after it was last seen, on a 5-minute grid', () => {
    // Created 06:05, last observed 07:00.
    expect(lookupWindow(exfiltration, DEFAULT_CLOUDTRAIL_SETTINGS)).toEqual({
      start: new Date('2026-11-29T05:50:00Z'),
      end: new Date('2026-11-29T07:05:00Z'),
    });
    const odd = { ...exfiltration, providerCreatedAt: new Date('2026-11-29T06:07:30Z') };
    expect(lookupWindow(odd, { beforeMs: 60_000, afterMs: 60_000 })).toEqual({
      start: new Date('2026-11-29T06:05:00Z'),
      end: new Date('2026-11-29T07:05:00Z'),
    });
  });

  it('looks at the last hours of a finding that recurred for days', () => {
    const recurring = { ...exfiltration, providerCreatedAt: new Date('2026-11-20T00:00:00Z') };
    const { start, end } = lookupWindow(recurring, DEFAULT_CLOUDTRAIL_SETTINGS);
    expect(end).toEqual(new Date('2026-11-29T07:05:00Z'));
    expect(end.getTime() - start.getTime()).toBe(MAX_WINDOW_MS);
  });
});

describe('CloudTrailEnricher', () => {
  const now = new Date('2026-11-29T07:10:00Z');
  let clock: ManualClock;
  let trail: ScriptedTrail;
  const enricher = (settings: Partial<CloudTrailSettings> = {}) =>
    new CloudTrailEnricher(trail, clock, { ...DEFAULT_CLOUDTRAIL_SETTINGS, ...settings });
  const enrich = (e: CloudTrailEnricher, finding: TriageFinding = exfiltration) =>
    e.enrich({ tenantId: TENANT_ID, finding, results: {} });

  beforeEach(() => {
    clock = new ManualClock(now);
    trail = new ScriptedTrail();
  });

  it("summarises the principal's events of the finding's account and region in the window", async () => {
    const pending = enrich(enricher());
    expect(trail.calls).toHaveLength(1);
    expect(trail.calls[0]).toMatchObject({
      accountId: '123456789012',
      region: 'us-east-1',
      query: {
        startTime: new Date('2026-11-29T05:50:00Z'),
        endTime: new Date('2026-11-29T07:05:00Z'),
        attribute: { key: 'AccessKeyId', value: 'ASIAQ3EGWZJ5T7XKM2PB' },
        maxEvents: 100,
        abortSignal: expect.any(AbortSignal),
      },
    });
    await trail.answerAll(LISTING);
    expect(await pending).toMatchObject({
      lookup: { attribute: 'AccessKeyId', value: 'ASIAQ3EGWZJ5T7XKM2PB' },
      window: { start: '2026-11-29T05:50:00.000Z', end: '2026-11-29T07:05:00.000Z' },
      eventCount: 1,
      errorCount: 1,
      accessDeniedCount: 1,
      findingCallSeen: true,
    });
  });

  it('does not apply when switched off or to findings without a principal', async () => {
    expect(await enrich(enricher({ enabled: false }))).toBeNull();
    expect(await enrich(enricher(), triageOf(portProbeAsff))).toBeNull();
    expect(trail.calls).toHaveLength(0);
  });

  it('shares one lookup among findings of one principal and time bucket, until the cache expires', async () => {
    const e = enricher();
    const sameMinutes = { ...exfiltration, id: 'f-2', providerCreatedAt: new Date('2026-11-29T06:06:00Z') };
    const together = [enrich(e), enrich(e, sameMinutes)];
    expect(trail.calls).toHaveLength(1);
    await trail.answerAll(LISTING);
    await Promise.all(together);

    await enrich(e);
    expect(trail.calls).toHaveLength(0);

    // The window ended minutes ago: CloudTrail may still deliver events, so the answer is kept briefly.
    clock.advance(RECENT_TTL_MS);
    const again = enrich(e);
    expect(trail.calls).toHaveLength(1);
    await trail.answerAll(LISTING);
    await again;
    // Another principal of the account is its own lookup.
    void enrich(e, triageOf(rootConsoleAsff));
    expect(trail.calls).toHaveLength(1);
    await trail.answerAll();
  });

  it('keeps the answer for a window CloudTrail has finished delivering', async () => {
    clock.set(new Date('2026-11-30T12:00:00Z'));
    const e = enricher();
    const first = enrich(e);
    await trail.answerAll(LISTING);
    await first;
    clock.advance(RECENT_TTL_MS * 5);
    await enrich(e);
    expect(trail.calls).toHaveLength(0);
  });

  it('does not ask an account that refused again for a while; a transient failure is retried at once', async () => {
    const e = enricher();
    const refused = enrich(e);
    trail.calls
      .shift()!
      .fail(new SieveException(ErrorCode.Forbidden, 'The role … lacks cloudtrail:LookupEvents'));
    await expect(refused).rejects.toThrow('lacks cloudtrail:LookupEvents');

    await expect(enrich(e, triageOf(rootConsoleAsff))).rejects.toThrow('lacks cloudtrail:LookupEvents');
    expect(trail.calls).toHaveLength(0);

    clock.advance(REFUSAL_TTL_MS);
    const retried = enrich(e);
    expect(trail.calls).toHaveLength(1);
    trail.calls.shift()!.fail(new Error('socket hang up'));
    await expect(retried).rejects.toThrow('socket hang up');
    const afterTransient = enrich(e);
    expect(trail.calls).toHaveLength(1);
    await trail.answerAll();
    await afterTransient;
  });

  it(`lets at most ${MAX_PENDING_LOOKUPS} lookups wait per account and region; more fail at once`, async () => {
    const e = enricher();
    const principals = Array.from({ length: MAX_PENDING_LOOKUPS + 1 }, (_, n) => ({
      ...exfiltration,
      observables: {
        ...exfiltration.observables,
        principal: {
          type: 'IAMUser' as const,
          userName: `user-${n}`,
          accessKeyId: `AKIAQ3EGWZJ5USER000${n}`,
        },
      },
    }));
    const waiting = principals.slice(0, MAX_PENDING_LOOKUPS).map((finding) => enrich(e, finding));
    await expect(enrich(e, principals[MAX_PENDING_LOOKUPS])).rejects.toThrow(
      `${MAX_PENDING_LOOKUPS} CloudTrail lookups in 123456789012/us-east-1 are already waiting`,
    );
    // Another region of the account has its own quota.
    const elsewhere = enrich(e, { ...principals[MAX_PENDING_LOOKUPS], region: 'eu-west-1' });
    expect(trail.calls).toHaveLength(MAX_PENDING_LOOKUPS + 1);

    await trail.answerAll();
    await Promise.all([...waiting, elsewhere]);
    const later = enrich(e, principals[MAX_PENDING_LOOKUPS]);
    expect(trail.calls).toHaveLength(1);
    await trail.answerAll();
    await later;
  });

  it('is timed out by the runner, which records it, and stops the lookup it abandoned', async () => {
    const runner = new EnrichmentRunner([enricher({ timeoutMs: 100 })]);

    const result = await runner.run(TENANT_ID, exfiltration);

    expect(result.errors).toEqual([
      { enricher: 'cloudtrail', kind: 'timeout', message: 'timed out after 100 ms' },
    ]);
    const signal = trail.calls[0].query.abortSignal!;
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect(signal.aborted).toBe(true);
  });
});
