import { Inject, Injectable } from '@nestjs/common';
import { type Fresh, SingleFlightCache } from '@sieve/aws';
import { type AppConfig, Clock, ErrorCode, SieveException } from '@sieve/core';
import type { Enricher, EnrichmentContext } from '../enrichment/enricher.js';
import type { TriageFinding } from '../triage-finding.js';
import { CLOUDTRAIL_EVENTS, type CloudTrailEventSource } from './cloudtrail-events.js';
import {
  type CloudTrailLookup,
  type CloudTrailSummary,
  digestTrail,
  summarizeTrail,
  type TrailDigest,
} from './cloudtrail-summary.js';

export interface CloudTrailSettings {
  enabled: boolean;
  /** The lookup starts this long before the finding was first seen… */
  beforeMs: number;
  /** …and ends this long after it was last seen. */
  afterMs: number;
  /** The enricher's timeout: the finding's batch waits this long at most. */
  timeoutMs: number;
}

/** DI token of the CloudTrailSettings; TriageEnrichmentModule derives them from the TRIAGE_CLOUDTRAIL_* config. */
export const CLOUDTRAIL_SETTINGS = Symbol('CLOUDTRAIL_SETTINGS');

type CloudTrailConfig = Pick<
  AppConfig,
  | 'TRIAGE_CLOUDTRAIL_ENABLED'
  | 'TRIAGE_CLOUDTRAIL_BEFORE_MINUTES'
  | 'TRIAGE_CLOUDTRAIL_AFTER_MINUTES'
  | 'TRIAGE_CLOUDTRAIL_TIMEOUT_MS'
>;

export const DEFAULT_CLOUDTRAIL_SETTINGS: CloudTrailSettings = {
  enabled: true,
  beforeMs: 15 * 60_000,
  afterMs: 5 * 60_000,
  timeoutMs: 3_000,
};

export function cloudTrailSettingsOf(config: CloudTrailConfig | undefined): CloudTrailSettings {
  if (!config) return DEFAULT_CLOUDTRAIL_SETTINGS;
  return {
    enabled: config.TRIAGE_CLOUDTRAIL_ENABLED,
    beforeMs: config.TRIAGE_CLOUDTRAIL_BEFORE_MINUTES * 60_000,
    afterMs: config.TRIAGE_CLOUDTRAIL_AFTER_MINUTES * 60_000,
    timeoutMs: config.TRIAGE_CLOUDTRAIL_TIMEOUT_MS,
  };
}

/** Events read per lookup, newest first: two LookupEvents pages. */
export const MAX_TRAIL_EVENTS = 100;
/** Window bounds are widened to this grid, so findings of one principal minutes apart share a lookup. */
export const WINDOW_BUCKET_MS = 5 * 60_000;
/** A finding that recurred for days is looked at over its last hours, where this version's activity is. */
export const MAX_WINDOW_MS = 6 * 3_600_000;
/** CloudTrail delivers events to its history up to ~15 minutes late: a window that recent is not final. */
export const DELIVERY_DELAY_MS = 15 * 60_000;
/** Cache lifetimes of a lookup whose window may still fill, and of one that is final. */
export const RECENT_TTL_MS = 60_000;
export const SETTLED_TTL_MS = 10 * 60_000;
/** In-process lookups waiting or running per account and region, beyond which findings are not looked up. */
export const MAX_PENDING_LOOKUPS = 4;
/** How long an account that refused (not connected, no permission) is not asked again. */
export const REFUSAL_TTL_MS = 60_000;

/**
 * `cloudtrail`: what the finding's principal did around the finding (the events of its access key, else of
 * its user or role-session name) in the finding's account and region, read through the tenant's role with
 * CloudTrail LookupEvents and summarised (calls, failures, callers' addresses and user agents, whether the
 * finding's own call is there). Applies to findings with a principal.
 *
 * LookupEvents allows 2 requests/s per account and region, shared with the customer's own tools, so
 * lookups (their digest of a few kilobytes, not the events) are cached per (tenant, account, region,
 * principal, window on a 5-minute grid) with concurrent findings sharing one; at most MAX_PENDING_LOOKUPS wait per account and region in a process (more fail
 * at once); and an account that refused is not asked again for a minute. A failure or a timeout is
 * recorded by the runner, and triage goes on without the summary.
 */
@Injectable()
export class CloudTrailEnricher implements Enricher<CloudTrailSummary> {
  readonly name = 'cloudtrail';
  readonly inputs = [] as const;
  readonly outputs = [
    'lookup',
    'window',
    'eventCount',
    'truncated',
    'eventNames',
    'distinctEventNames',
    'writeEventCount',
    'errorCount',
    'accessDeniedCount',
    'errorCodes',
    'sourceIps',
    'userAgents',
    'findingCallSeen',
    'firstEventAt',
    'lastEventAt',
  ] as const;
  readonly timeoutMs: number;

  private readonly cache: SingleFlightCache<TrailDigest>;
  private readonly pending = new Map<string, number>();
  private readonly refusals = new Map<string, { message: string; until: number }>();

  constructor(
    @Inject(CLOUDTRAIL_EVENTS) private readonly source: CloudTrailEventSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(CLOUDTRAIL_SETTINGS) private readonly settings: CloudTrailSettings,
  ) {
    this.timeoutMs = settings.timeoutMs;
    this.cache = new SingleFlightCache(() => this.now());
  }

  async enrich({ tenantId, finding }: EnrichmentContext): Promise<CloudTrailSummary | null> {
    if (!this.settings.enabled) return null;
    const lookup = cloudTrailLookupOf(finding);
    if (!lookup) return null;
    const window = lookupWindow(finding, this.settings);
    const digest = await this.digest(tenantId, finding, lookup, window);
    return summarizeTrail(
      finding,
      lookup,
      { start: window.start.toISOString(), end: window.end.toISOString() },
      digest,
    );
  }

  private digest(
    tenantId: string,
    finding: TriageFinding,
    lookup: CloudTrailLookup,
    window: { start: Date; end: Date },
  ): Promise<TrailDigest> {
    const { awsAccountId: accountId, region } = finding;
    const place = [tenantId, accountId, region].join('\n');
    const refusal = this.refusals.get(place);
    if (refusal && this.now() < refusal.until) return Promise.reject(new Error(refusal.message));
    if (refusal) this.refusals.delete(place);
    const key = [place, lookup.attribute, lookup.value, window.start.getTime(), window.end.getTime()].join(
      '\n',
    );
    return this.cache.get(key, async (): Promise<Fresh<TrailDigest>> => {
      const waiting = this.pending.get(place) ?? 0;
      if (waiting >= MAX_PENDING_LOOKUPS) {
        throw new Error(
          `${waiting} CloudTrail lookups in ${accountId}/${region} are already waiting for the account's quota; not looked up`,
        );
      }
      this.pending.set(place, waiting + 1);
      try {
        const events = await this.source.lookupEvents(tenantId, accountId, region, {
          startTime: window.start,
          endTime: window.end,
          attribute: { key: lookup.attribute, value: lookup.value },
          maxEvents: MAX_TRAIL_EVENTS,
          // Past the runner's timeout nobody waits for the answer: a request not yet sent is not sent.
          abortSignal: AbortSignal.timeout(this.timeoutMs + 250),
        });
        const settled = window.end.getTime() <= this.now() - DELIVERY_DELAY_MS;
        return {
          value: digestTrail(events),
          freshUntil: this.now() + (settled ? SETTLED_TTL_MS : RECENT_TTL_MS),
        };
      } catch (error) {
        if (isRefusal(error)) {
          this.refusals.set(place, { message: error.message, until: this.now() + REFUSAL_TTL_MS });
        }
        throw error;
      } finally {
        const left = (this.pending.get(place) ?? 1) - 1;
        if (left > 0) this.pending.set(place, left);
        else this.pending.delete(place);
      }
    });
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/** The account is not connected, or the role refused: asking again in a moment would get the same answer. */
function isRefusal(error: unknown): error is SieveException {
  return (
    error instanceof SieveException &&
    (error.code === ErrorCode.Forbidden || error.code === ErrorCode.NotFound)
  );
}

const ACCESS_KEY_ID = /^(?:AKIA|ASIA)[A-Z0-9]{12,124}$/;

/**
 * What to look the principal up by: its access key when the finding has a real one (GuardDuty's sample
 * findings carry placeholders), else CloudTrail's Username for it: the IAM user name, the session name of
 * an assumed role (after the `:` of its principal id), or `root`. Services and unknown principals: none.
 */
export function cloudTrailLookupOf(finding: TriageFinding): CloudTrailLookup | undefined {
  const principal = finding.observables.principal;
  if (!principal) return undefined;
  if (principal.accessKeyId && ACCESS_KEY_ID.test(principal.accessKeyId)) {
    return { attribute: 'AccessKeyId', value: principal.accessKeyId };
  }
  let username: string | undefined;
  switch (principal.type) {
    case 'IAMUser':
    case 'FederatedUser':
      username = principal.userName;
      break;
    case 'AssumedRole':
      username = principal.principalId?.split(':').slice(1).join(':') || undefined;
      break;
    case 'Root':
      username = 'root';
      break;
    default:
      username = undefined;
  }
  return username ? { attribute: 'Username', value: username } : undefined;
}

/**
 * From `beforeMs` before the finding was first seen (its provider's creation time; GuardDuty creates a
 * finding at the first occurrence) to `afterMs` after it was last seen, at most MAX_WINDOW_MS ending there,
 * widened to the WINDOW_BUCKET_MS grid.
 */
export function lookupWindow(
  finding: TriageFinding,
  settings: Pick<CloudTrailSettings, 'beforeMs' | 'afterMs'>,
): { start: Date; end: Date } {
  const firstSeen = finding.providerCreatedAt.getTime();
  const lastSeen = Math.max(firstSeen, (finding.lastObservedAt ?? finding.providerUpdatedAt).getTime());
  const end = lastSeen + settings.afterMs;
  const start = Math.max(firstSeen - settings.beforeMs, end - MAX_WINDOW_MS);
  return {
    start: new Date(Math.floor(start / WINDOW_BUCKET_MS) * WINDOW_BUCKET_MS),
    end: new Date(Math.ceil(end / WINDOW_BUCKET_MS) * WINDOW_BUCKET_MS),
  };
}
