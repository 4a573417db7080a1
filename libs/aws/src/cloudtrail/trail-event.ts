import type { Event } from '@aws-sdk/client-cloudtrail';

/**
 * A CloudTrail management event as LookupEvents returns it, reduced to what triage reads. The fields after
 * `accessKeyId` come from the event's record (`CloudTrailEvent`, a JSON string); the rest of the record
 * (request parameters, responses) is deliberately not kept.
 */
export interface TrailEvent {
  eventId: string;
  eventName: string;
  /** The service endpoint, e.g. `s3.amazonaws.com`. */
  eventSource: string;
  eventTime: Date;
  readOnly?: boolean;
  /** CloudTrail's Username: the IAM user name, a role session name, `root`, or the calling service. */
  username?: string;
  accessKeyId?: string;
  sourceIpAddress?: string;
  userAgent?: string;
  /** Set when the call failed: `AccessDenied`, `Client.UnauthorizedOperation`, `NoSuchBucket`… */
  errorCode?: string;
  awsRegion?: string;
}

interface TrailRecord {
  sourceIPAddress?: unknown;
  userAgent?: unknown;
  errorCode?: unknown;
  awsRegion?: unknown;
}

/** The SDK's event with its record parsed; a record that is not valid JSON leaves those fields unknown. */
export function trailEventOf(event: Event): TrailEvent {
  const record = parseRecord(event.CloudTrailEvent);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const trail: TrailEvent = {
    eventId: event.EventId ?? '',
    eventName: event.EventName ?? '',
    eventSource: event.EventSource ?? '',
    eventTime: event.EventTime ?? new Date(0),
    readOnly: event.ReadOnly === undefined ? undefined : event.ReadOnly === 'true',
    username: text(event.Username),
    accessKeyId: text(event.AccessKeyId),
    sourceIpAddress: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
    errorCode: text(record.errorCode),
    awsRegion: text(record.awsRegion),
  };
  return Object.fromEntries(Object.entries(trail).filter(([, v]) => v !== undefined)) as TrailEvent;
}

function parseRecord(json: string | undefined): TrailRecord {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed !== null && typeof parsed === 'object' ? (parsed as TrailRecord) : {};
  } catch {
    return {};
  }
}
