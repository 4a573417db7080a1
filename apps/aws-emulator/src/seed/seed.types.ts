import type { PolicyDocument } from '../auth/policy.types.js';
import type { ThrottledOperation } from '../throttle/throttle-limits.js';

/**
 * The emulator's initial world, loaded from a JSON (or YAML) file or passed as an object.
 * Every account may hold users, roles and per-region data; the Sieve platform account is simply
 * the one whose IAM user calls AssumeRole into the customer accounts.
 */
export interface Seed {
  description?: string;
  /**
   * When set, every timestamp in the seed is shifted by (load time − timeAnchor), so demo data
   * written once stays "recent" (CloudTrail only looks back 90 days, DateRange filters count from now).
   */
  timeAnchor?: string;
  accounts: SeedAccount[];
  /** Per-operation token buckets; `null` turns throttling off for that operation. */
  throttling?: Partial<Record<ThrottledOperation, ThrottleLimit | null>>;
}

export interface ThrottleLimit {
  ratePerSecond: number;
  burst: number;
}

export interface SeedAccount {
  accountId: string;
  alias?: string;
  users?: SeedUser[];
  roles?: SeedRole[];
  /** Region name → data held in that region of the account. */
  regions?: Record<string, SeedRegionData>;
}

export interface SeedUser {
  userName: string;
  /** Long-term key: `AKIA` followed by 16 upper-case letters or digits. */
  accessKeyId: string;
  secretAccessKey: string;
  /** IAM actions allowed, with wildcards; default `["*"]`. */
  permissions?: string[];
}

export interface SeedRole {
  roleName: string;
  /** Trust policy as a JSON object, or as the JSON string IAM stores. */
  trustPolicy: PolicyDocument | string;
  /** Seconds, 3600..43200 as IAM allows; default 3600. */
  maxSessionDuration?: number;
  /** IAM actions sessions of this role may call, with wildcards; default `["*"]`. */
  permissions?: string[];
}

export interface SeedRegionData {
  /** AWS Security Finding Format objects; validated like BatchImportFindings validates them. */
  findings?: Record<string, unknown>[];
  cloudTrailEvents?: SeedTrailEvent[];
}

export interface SeedTrailEvent {
  /** What LookupEvents reports as Resources; defaults to the record's own `resources` list. */
  resources?: { ResourceType: string; ResourceName: string }[];
  /** The CloudTrail record, returned verbatim (as a JSON string) in `CloudTrailEvent`. */
  record: CloudTrailRecord;
}

export interface CloudTrailRecord {
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  readOnly?: boolean;
  userIdentity: { type: string; [field: string]: unknown };
  [field: string]: unknown;
}
