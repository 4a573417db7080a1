import type { TrailEvent } from '@sieve/aws';
import type { TriageFinding } from '../triage-finding.js';
import { apiActionOf } from './principal-context.enricher.js';

/** How the principal was looked up: CloudTrail filters on one attribute. */
export interface CloudTrailLookup {
  attribute: 'AccessKeyId' | 'Username';
  /** The access key id or CloudTrail user name (tenant data: never pooled). */
  value: string;
}

/** The time range looked up, as ISO timestamps. */
export interface CloudTrailWindow {
  start: string;
  end: string;
}

export interface NameCount {
  name: string;
  count: number;
}

/** What the finding's principal did around the finding, per CloudTrail's event history. */
export interface CloudTrailSummary {
  lookup: CloudTrailLookup;
  window: CloudTrailWindow;
  /** Events read (newest first, at most the lookup's maximum). */
  eventCount: number;
  /** More events matched than were read: the counts describe the newest `eventCount`. */
  truncated: boolean;
  /** The most frequent calls in IAM action form (`s3:ListBuckets`), most frequent first. */
  eventNames: NameCount[];
  distinctEventNames: number;
  /** Calls that are not read-only (they changed something). */
  writeEventCount: number;
  /** Calls that failed (the record has an errorCode). */
  errorCount: number;
  /** Of those, refusals: AccessDenied, UnauthorizedOperation… (probing for permissions looks like this). */
  accessDeniedCount: number;
  errorCodes: NameCount[];
  /** Distinct caller addresses (or the calling service), most frequent first. */
  sourceIps: string[];
  /** Distinct user agents, most frequent first, each cut to USER_AGENT_LENGTH characters. */
  userAgents: string[];
  /** Whether the call the finding reports (API and service) is among the events; absent when it names none. */
  findingCallSeen?: boolean;
  firstEventAt?: string;
  lastEventAt?: string;
}

export const TOP_EVENT_NAMES = 10;
export const TOP_ERROR_CODES = 5;
export const MAX_SOURCE_IPS = 10;
export const MAX_USER_AGENTS = 5;
export const USER_AGENT_LENGTH = 200;

/** Error codes with which AWS services refuse a caller's permissions (each service spells it its own way). */
const ACCESS_DENIED = /AccessDenied|Unauthorized|Forbidden|NotAuthorized/i;

/**
 * What a lookup's events say whatever the finding: the summary's counts and lists, and the distinct calls
 * (`source name`), from which `summarizeTrail` tells whether the finding's own call is there. A few
 * kilobytes whatever the number of events: this, not the events, is what the enricher caches.
 */
export interface TrailDigest extends Omit<CloudTrailSummary, 'lookup' | 'window' | 'findingCallSeen'> {
  calls: string[];
}

export function digestTrail(trail: { events: readonly TrailEvent[]; truncated: boolean }): TrailDigest {
  const { events } = trail;
  const names = new Tally();
  const errors = new Tally();
  const ips = new Tally();
  const agents = new Tally();
  const calls = new Set<string>();
  let writeEventCount = 0;
  let accessDeniedCount = 0;
  let first: number | undefined;
  let last: number | undefined;
  for (const event of events) {
    names.add(apiActionOf(event.eventSource, event.eventName) ?? event.eventSource);
    calls.add(callOf(event.eventSource, event.eventName));
    if (event.readOnly === false) writeEventCount++;
    if (event.errorCode) {
      errors.add(event.errorCode);
      if (ACCESS_DENIED.test(event.errorCode)) accessDeniedCount++;
    }
    if (event.sourceIpAddress) ips.add(event.sourceIpAddress);
    if (event.userAgent) agents.add(event.userAgent.slice(0, USER_AGENT_LENGTH));
    const time = event.eventTime.getTime();
    first = first === undefined ? time : Math.min(first, time);
    last = last === undefined ? time : Math.max(last, time);
  }
  return {
    eventCount: events.length,
    truncated: trail.truncated,
    eventNames: names.top(TOP_EVENT_NAMES),
    distinctEventNames: names.size,
    writeEventCount,
    errorCount: errors.total,
    accessDeniedCount,
    errorCodes: errors.top(TOP_ERROR_CODES),
    sourceIps: ips.top(MAX_SOURCE_IPS).map((ip) => ip.name),
    userAgents: agents.top(MAX_USER_AGENTS).map((agent) => agent.name),
    ...(first !== undefined && last !== undefined
      ? { firstEventAt: new Date(first).toISOString(), lastEventAt: new Date(last).toISOString() }
      : {}),
    calls: [...calls],
  };
}

/** The finding's summary: the digest of its principal's events, and whether the finding's own call is among them. */
export function summarizeTrail(
  finding: TriageFinding,
  lookup: CloudTrailLookup,
  window: CloudTrailWindow,
  digest: TrailDigest,
): CloudTrailSummary {
  const { calls, firstEventAt, lastEventAt, ...counts } = digest;
  const summary: CloudTrailSummary = { lookup, window, ...counts };
  const call = finding.observables.apiCall;
  if (call?.api) {
    summary.findingCallSeen = call.service
      ? calls.includes(callOf(call.service, call.api))
      : calls.some((c) => c.endsWith(` ${call.api}`));
  }
  if (firstEventAt !== undefined) Object.assign(summary, { firstEventAt, lastEventAt });
  return summary;
}

function callOf(source: string, name: string): string {
  return `${source} ${name}`;
}

/** Counts per value; `top` orders by count, then by value so that equal counts list the same way every run. */
class Tally {
  private readonly counts = new Map<string, number>();
  total = 0;

  add(value: string): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.total++;
  }

  get size(): number {
    return this.counts.size;
  }

  top(n: number): NameCount[] {
    return [...this.counts]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, n)
      .map(([name, count]) => ({ name, count }));
  }
}
