import { AwsError } from '../aws/aws-error.js';
import { inputObject } from '../aws/input-object.js';
import type { CallContext } from '../aws/service-definition.js';
import type { LookupResource, StoredTrailEvent } from './trail-event.js';

export interface LookupEventsResponse {
  Events: {
    EventId: string;
    EventName: string;
    ReadOnly: string;
    AccessKeyId?: string;
    /** Epoch seconds, as JSON 1.1 encodes timestamps. */
    EventTime: number;
    EventSource: string;
    Username?: string;
    Resources: LookupResource[];
    CloudTrailEvent: string;
  }[];
  NextToken?: string;
}

const ATTRIBUTE_READERS: Record<string, (event: StoredTrailEvent) => (string | undefined)[]> = {
  EventId: (event) => [event.eventId],
  EventName: (event) => [event.eventName],
  ReadOnly: (event) => [String(event.readOnly)],
  Username: (event) => [event.username],
  ResourceType: (event) => event.resources.map((resource) => resource.ResourceType),
  ResourceName: (event) => event.resources.map((resource) => resource.ResourceName),
  EventSource: (event) => [event.eventSource],
  AccessKeyId: (event) => [event.accessKeyId],
};

/** CloudTrail's event history covers the last 90 days. */
const HISTORY_MS = 90 * 24 * 60 * 60 * 1000;

const error = (code: string) => (message: string) => new AwsError(code, message, 400);
const invalidParameter = error('InvalidParameterException');

/**
 * CloudTrail LookupEvents over the caller account's events in the signing region, newest first.
 * One lookup attribute at most, as AWS allows; pages come from a frozen result like GetFindings.
 */
export function lookupEvents(context: CallContext<unknown>): LookupEventsResponse {
  const input = inputObject(context.input, invalidParameter);
  const maxResults = parseMaxResults(input.MaxResults);
  const { emulator, accountId, region } = context;
  const now = emulator.now();
  const owner = `${accountId}/${region}`;
  let page;
  if (typeof input.NextToken === 'string' && input.NextToken !== '') {
    const next = emulator.eventPager.next(owner, input.NextToken, maxResults, now);
    if (typeof next === 'string')
      throw error('InvalidNextTokenException')('The NextToken is invalid or has expired.');
    page = next;
  } else {
    const matches = attributePredicate(input.LookupAttributes);
    const from = parseTime(input.StartTime, 'StartTime') ?? now - HISTORY_MS;
    const to = parseTime(input.EndTime, 'EndTime') ?? now;
    if (from > to) throw error('InvalidTimeRangeException')('StartTime must be earlier than EndTime.');
    if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
      throw error('InvalidEventCategoryException')("EventCategory must be 'insight'.");
    }
    // The emulator records management events only, so an Insights lookup has nothing to return.
    const keys =
      input.EventCategory === 'insight'
        ? []
        : emulator.state.trail
            .list(accountId, region)
            .filter((event) => event.eventTime >= from && event.eventTime <= to && matches(event))
            .sort((a, b) => b.eventTime - a.eventTime || a.eventId.localeCompare(b.eventId))
            .map((event) => event.eventId);
    page = emulator.eventPager.start(owner, keys, maxResults, now);
  }
  const events = page.keys.flatMap((id) => emulator.state.trail.get(accountId, region, id) ?? []);
  return {
    Events: events.map((event) => ({
      EventId: event.eventId,
      EventName: event.eventName,
      ReadOnly: String(event.readOnly),
      ...(event.accessKeyId === undefined ? {} : { AccessKeyId: event.accessKeyId }),
      EventTime: event.eventTime / 1000,
      EventSource: event.eventSource,
      ...(event.username === undefined ? {} : { Username: event.username }),
      Resources: event.resources,
      CloudTrailEvent: event.recordJson,
    })),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

function attributePredicate(attributes: unknown): (event: StoredTrailEvent) => boolean {
  if (attributes === undefined || (Array.isArray(attributes) && attributes.length === 0)) return () => true;
  const invalid = error('InvalidLookupAttributesException');
  if (!Array.isArray(attributes)) throw invalid('LookupAttributes must be a list.');
  if (attributes.length > 1) throw invalid('You cannot specify more than one lookup attribute.');
  const { AttributeKey, AttributeValue } = (attributes[0] ?? {}) as {
    AttributeKey?: unknown;
    AttributeValue?: unknown;
  };
  const read = typeof AttributeKey === 'string' ? ATTRIBUTE_READERS[AttributeKey] : undefined;
  if (!read) throw invalid(`AttributeKey must be one of ${Object.keys(ATTRIBUTE_READERS).join(', ')}.`);
  if (typeof AttributeValue !== 'string' || AttributeValue.length < 1 || AttributeValue.length > 2000) {
    throw invalid('AttributeValue must be 1 to 2000 characters.');
  }
  return (event) => read(event).includes(AttributeValue);
}

function parseMaxResults(value: unknown): number {
  if (value === undefined || value === null) return 50;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 50) {
    throw error('InvalidMaxResultsException')('MaxResults must be an integer from 1 to 50.');
  }
  return value;
}

/** JSON 1.1 sends timestamps as epoch seconds; returns epoch milliseconds. */
function parseTime(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw error('InvalidTimeRangeException')(`${name} must be a timestamp.`);
  }
  return value * 1000;
}
