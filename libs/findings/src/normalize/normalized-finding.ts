/**
 * The one internal finding model. Security Hub (ASFF) findings and native GuardDuty findings both become a
 * NormalizedFinding, so that everything downstream (dedup, fingerprint, known-good matching, cases) reads one
 * shape. A finding's identity is (productArn, findingId): the same GuardDuty finding arriving natively and
 * through Security Hub gets the same pair and therefore dedups.
 */

/** The path a finding arrived through, not the product that produced it (that is productArn / productName). */
export type FindingSource = 'securityhub' | 'guardduty';

/** ASFF severity labels, in increasing order. */
export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

export const WORKFLOW_STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const RECORD_STATES = ['ACTIVE', 'ARCHIVED'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** A resource involved in the finding, in ASFF vocabulary (Type such as AwsEc2Instance, Id usually an ARN). */
export interface FindingResource {
  type: string;
  id: string;
  region?: string;
  tags: Record<string, string>;
  /** Provider-specific details, as received (ASFF `Details`, or the native GuardDuty resource section). */
  details?: Record<string, unknown>;
}

export type PrincipalType = 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService' | 'FederatedUser' | 'Unknown';

/** The identity whose credentials were used (GuardDuty access-key findings). */
export interface Principal {
  type: PrincipalType;
  /** Only when the source gives it or it is unambiguous (the root user); user and role ARNs can carry paths. */
  arn?: string;
  userName?: string;
  accessKeyId?: string;
  principalId?: string;
}

export interface ApiCall {
  /** Service endpoint, e.g. s3.amazonaws.com. */
  service?: string;
  api?: string;
  /** 'Remote IP', 'Domain', 'AWS Service'…; spelled one way whichever path the finding came through. */
  callerType?: string;
}

/** The other side of the activity: who called, probed or was contacted. */
export interface RemoteEndpoint {
  ip: string;
  port?: number;
  asn?: number;
  asnOrg?: string;
  isp?: string;
  org?: string;
  country?: string;
  countryCode?: string;
  city?: string;
}

export type ConnectionDirection = 'INBOUND' | 'OUTBOUND' | 'UNKNOWN';

/** What triage reasons about, extracted once so that rules and patterns never parse provider JSON again. */
export interface FindingObservables {
  /** GuardDuty action type: AWS_API_CALL, NETWORK_CONNECTION, PORT_PROBE, DNS_REQUEST… */
  actionType?: string;
  /** GuardDuty: whether the resource was the ACTOR or the TARGET of the activity. */
  resourceRole?: string;
  principal?: Principal;
  apiCall?: ApiCall;
  remote?: RemoteEndpoint;
  /** Local ports involved, distinct, in the order seen (a port probe can hit several). */
  localPorts: number[];
  protocol?: string;
  direction?: ConnectionDirection;
  userAgent?: string;
  domain?: string;
  blocked?: boolean;
}

export interface NormalizedFinding {
  source: FindingSource;
  productArn: string;
  /** The provider's id: ASFF `Id`; for GuardDuty the finding ARN, which is also its ASFF `Id`. */
  findingId: string;
  productName: string;
  companyName: string;
  generatorId: string;
  awsAccountId: string;
  region: string;
  /** ASFF finding types (namespace/category/classifier). */
  types: string[];
  /** A short stable type: GuardDuty type, Security Hub control id (S3.8), vulnerability id (CVE-…), else types[0]. */
  findingType: string;
  title: string;
  description: string;
  severityLabel: SeverityLabel;
  /** 0–100, ASFF `Normalized` scale. */
  severityNormalized: number;
  createdAt: Date;
  updatedAt: Date;
  /** Falls back to createdAt when the provider does not say. */
  firstObservedAt: Date;
  /** Falls back to updatedAt when the provider does not say. */
  lastObservedAt: Date;
  recordState: RecordState;
  workflowStatus: WorkflowStatus;
  resources: FindingResource[];
  observables: FindingObservables;
  /** The finding exactly as received (for GuardDuty: the event's `detail`). */
  raw: Record<string, unknown>;
}

/** Normalisers never throw on bad input: they say, field by field, what is wrong. */
export type NormalizeResult = { ok: true; finding: NormalizedFinding } | { ok: false; errors: string[] };
