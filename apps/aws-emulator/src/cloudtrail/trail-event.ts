import type { SeedTrailEvent } from '../seed/seed.types.js';

export interface LookupResource {
  ResourceType: string;
  ResourceName: string;
}

/** A CloudTrail event with the attributes LookupEvents filters on pulled out of its record. */
export interface StoredTrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: number;
  readOnly: boolean;
  username: string | undefined;
  accessKeyId: string | undefined;
  resources: LookupResource[];
  /** The record serialised once, as LookupEvents returns it in `CloudTrailEvent`. */
  recordJson: string;
}

interface UserIdentity {
  type?: string;
  userName?: string;
  arn?: string;
  accessKeyId?: string;
  invokedBy?: string;
}

export function toStoredTrailEvent(event: SeedTrailEvent): StoredTrailEvent {
  const { record } = event;
  const identity = record.userIdentity as UserIdentity;
  return {
    eventId: record.eventID,
    eventName: record.eventName,
    eventSource: record.eventSource,
    eventTime: Date.parse(record.eventTime),
    readOnly: record.readOnly ?? false,
    username: usernameOf(identity),
    accessKeyId: identity.accessKeyId,
    resources: event.resources ?? resourcesOf(record.resources),
    recordJson: JSON.stringify(record),
  };
}

/** CloudTrail's Username: the IAM user name, the role session name, `root`, or the calling service. */
function usernameOf(identity: UserIdentity): string | undefined {
  switch (identity.type) {
    case 'IAMUser':
      return identity.userName;
    case 'AssumedRole':
      return identity.arn?.split('/').at(-1);
    case 'Root':
      return 'root';
    case 'AWSService':
      return identity.invokedBy;
    default:
      return identity.userName;
  }
}

function resourcesOf(recordResources: unknown): LookupResource[] {
  if (!Array.isArray(recordResources)) return [];
  return recordResources.flatMap((resource: { ARN?: unknown; type?: unknown }) =>
    typeof resource.ARN === 'string' && typeof resource.type === 'string'
      ? [{ ResourceType: resource.type, ResourceName: resource.ARN }]
      : [],
  );
}
