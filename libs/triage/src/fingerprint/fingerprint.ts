import { POOLABLE_TAG_KEYS } from '@sieve/knowledge';
import type { CloudTrailSummary } from '../enrichers/cloudtrail-summary.js';
import type { HistoryNovelty } from '../enrichers/history.enricher.js';
import type { IpIntel } from '../enrichers/ip-intel.enricher.js';
import { type PrincipalContext, principalContextOf } from '../enrichers/principal-context.enricher.js';
import { type ResourceContext, resourceContextOf } from '../enrichers/resource-context.enricher.js';
import { ipScope, parseIp } from '../ip/ip-address.js';
import { hostingProvider } from '../ip/hosting-asns.js';
import type { TriageFinding } from '../triage-finding.js';

export type FingerprintValue = string | number | boolean | string[];

/** The features known-good patterns match on: flat, one value per key, keys as in FINGERPRINT_KEYS. */
export type Fingerprint = Record<string, FingerprintValue>;

interface KeyDoc {
  doc: string;
  /** May enter the cross-tenant pool: a generalised behaviour, never a tenant identifier. */
  poolable: boolean;
}

/**
 * Every fingerprint key. A key is absent when the finding does not say (no remote IP, no principal…), so a
 * pattern predicate on it does not match; `false` and `[]` are real values. Tenant-specific keys serve tenant
 * patterns only; `poolable: true` keys are the anonymisable subset that `poolableFeatures` returns.
 */
export const FINDING_FINGERPRINT_KEYS = {
  findingType: { doc: 'Short stable type: GuardDuty type, control id (S3.8)…', poolable: true },
  findingTypeFamily: { doc: 'The type before its "/": `UnauthorizedAccess:IAMUser`', poolable: true },
  severityLabel: { doc: 'INFORMATIONAL … CRITICAL', poolable: true },
  region: { doc: 'Region of the finding', poolable: false },
  awsAccountId: { doc: 'Account of the finding (tenant identifier)', poolable: false },
  actionType: {
    doc: 'GuardDuty action: AWS_API_CALL, NETWORK_CONNECTION, PORT_PROBE, DNS_REQUEST',
    poolable: true,
  },
  apiAction: { doc: 'IAM form of the call: `s3:ListBuckets`', poolable: true },
  apiService: { doc: 'Service prefix of the call: `s3`', poolable: true },
  callerType: { doc: 'Remote IP, Domain, AWS Service', poolable: true },
  userAgentFamily: {
    doc: 'aws-cli, boto3, aws-sdk-js-v3, terraform, console, browser, other…',
    poolable: true,
  },
  userAgentMajor: { doc: 'Major version of that family', poolable: true },
  userAgentProduct: {
    doc: 'First product token of an `other` user agent (may name a tenant tool)',
    poolable: false,
  },
  remoteIp: { doc: "The other side's address (for tenant CIDR predicates)", poolable: false },
  remoteScope: {
    doc: 'public, private, cgnat, loopback, link-local, documentation, multicast, reserved',
    poolable: true,
  },
  remoteAsn: { doc: 'ASN of the other side', poolable: true },
  remoteAsnOrg: { doc: 'Organisation of that ASN', poolable: true },
  remoteCountry: { doc: 'ISO country code (or name when only that is known)', poolable: true },
  remoteHosting: { doc: 'The ASN is a cloud / hosting / VPS provider', poolable: true },
  remoteHostingProvider: { doc: 'Which provider (HOSTING_ASNS)', poolable: true },
  remoteTor: { doc: 'A Tor node', poolable: true },
  threatCategories: {
    doc: 'Threat-intel categories that listed the address or domain, sorted',
    poolable: true,
  },
  domain: { doc: "DNS name of the activity (may be the tenant's)", poolable: false },
  principalKind: {
    doc: 'root, iam-user, assumed-role, aws-service, ci-oidc, federated, unknown',
    poolable: true,
  },
  principalType: { doc: 'As normalised: IAMUser, AssumedRole…', poolable: true },
  principalName: { doc: 'User or role name (tenant identifier)', poolable: false },
  principalKey: { doc: '`<account>:role/<name>`… (tenant identifier)', poolable: false },
  ciProvider: { doc: 'github-actions, gitlab, terraform-cloud, circleci', poolable: true },
  sessionNameShape: { doc: 'instance-id, email, sdk-default, ci, other', poolable: true },
  credentials: { doc: 'long-term (AKIA) or temporary (ASIA)', poolable: true },
  servicePrincipal: { doc: 'AWS service acting: `cloudformation.amazonaws.com`', poolable: true },
  resourceType: { doc: 'Type of the primary resource (AwsEc2Instance…)', poolable: true },
  resourceTypes: { doc: 'All resource types, sorted', poolable: true },
  resourceId: { doc: 'ARN / id of the primary resource (tenant identifier)', poolable: false },
  resourceTagged: { doc: 'The primary resource has at least one non-aws: tag', poolable: true },
  resourceTagKeys: {
    doc: 'Tag keys of the primary resource, sorted; pooled only the conventional ones (POOLABLE_TAG_KEYS)',
    poolable: true,
  },
  resourceTags: {
    doc: '`key=value` of each tag of the primary resource, sorted (tag values are tenant data)',
    poolable: false,
  },
  resourceEnvironment: {
    doc: 'Environment tag as production, staging, development, test, sandbox, other',
    poolable: true,
  },
  resourceOwner: { doc: 'Owner / Team tag value (tenant data)', poolable: false },
  resourceStack: { doc: 'CloudFormation stack name (tenant data)', poolable: false },
  resourceImage: {
    doc:
      'Machine image (AMI) the primary instance runs: a vendor appliance (scanner, node) has the same public ' +
      "image in every tenant; a tenant's own image is seen in one tenant only, so never confirmed by k of them",
    poolable: true,
  },
  resourceWebsite: { doc: 'The primary bucket is configured to serve a static website', poolable: true },
  resourceRole: { doc: 'TARGET or ACTOR', poolable: true },
  resourcePublicIp: { doc: 'A resource has a public address', poolable: true },
  resourcePublicAccess: { doc: 'A resource is publicly accessible (S3)', poolable: true },
  localPort: { doc: 'Lowest local port involved (numeric predicates)', poolable: true },
  localPorts: { doc: 'All local ports, ascending, as strings', poolable: true },
  direction: { doc: 'INBOUND, OUTBOUND, UNKNOWN', poolable: true },
  protocol: { doc: 'TCP, UDP…', poolable: true },
  blocked: { doc: 'GuardDuty saw the traffic blocked', poolable: true },
  newCountry: {
    doc: 'First time this principal is seen from this country (tenant history)',
    poolable: false,
  },
  newAsn: { doc: 'First time from this ASN (tenant history)', poolable: false },
  newUserAgentFamily: { doc: 'First time with this user-agent family (tenant history)', poolable: false },
  newApiAction: { doc: 'First time calling this API (tenant history)', poolable: false },
  historyBaseline: {
    doc: 'The principal was seen before in the tenant, so the new* flags compare with a baseline (false: first sighting)',
    poolable: false,
  },
  cloudtrailErrors: {
    doc: "Failed calls (AccessDenied…) among the principal's CloudTrail events around the finding; absent when not looked up",
    poolable: false,
  },
} as const satisfies Record<string, KeyDoc>;

export type FingerprintKey = keyof typeof FINDING_FINGERPRINT_KEYS;

/**
 * The finding's fingerprint from the finding and its enrichment (enricher name → output). A missing
 * enrichment (a failed enricher) is tolerated: resource and principal features are recomputed from the
 * finding, IP features fall back to what GuardDuty attached; history flags are then absent.
 */
export function fingerprintOf(
  finding: TriageFinding,
  enrichment: Readonly<Record<string, unknown>>,
): Fingerprint {
  const resource =
    (enrichment['resource-context'] as ResourceContext | null | undefined) ?? resourceContextOf(finding);
  const principal =
    (enrichment['principal-context'] as PrincipalContext | null | undefined) ??
    (finding.observables.principal || finding.observables.apiCall || finding.observables.userAgent
      ? principalContextOf(finding)
      : undefined);
  const ip = (enrichment['ip-intel'] as IpIntel | null | undefined) ?? ipFallback(finding);
  const history = enrichment['history'] as HistoryNovelty | null | undefined;
  const cloudtrail = enrichment['cloudtrail'] as CloudTrailSummary | null | undefined;
  const { observables } = finding;
  const primary = resource.primary;

  const fp: Partial<Record<FingerprintKey, FingerprintValue | undefined>> = {
    findingType: finding.findingType,
    findingTypeFamily: finding.findingType.includes('/') ? finding.findingType.split('/')[0] : undefined,
    severityLabel: finding.severityLabel,
    region: finding.region,
    awsAccountId: finding.awsAccountId,
    actionType: observables.actionType,
    apiAction: principal?.apiAction,
    apiService: principal?.apiAction?.includes(':') ? principal.apiAction.split(':')[0] : undefined,
    callerType: principal?.callerType,
    userAgentFamily:
      principal && principal.userAgent.family !== 'none' ? principal.userAgent.family : undefined,
    userAgentMajor: principal?.userAgent.major,
    userAgentProduct: principal?.userAgent.product,
    remoteIp: ip?.ip,
    remoteScope: ip?.scope,
    remoteAsn: ip?.asn,
    remoteAsnOrg: ip?.asnOrg,
    remoteCountry: ip?.countryCode ?? ip?.country,
    remoteHosting: ip?.hosting,
    remoteHostingProvider: ip?.hostingProvider,
    remoteTor: ip?.tor,
    threatCategories: ip?.threatCategories,
    domain: observables.domain,
    principalKind: principal?.kind,
    principalType: principal?.principalType,
    principalName: principal?.principalName,
    principalKey: principal?.principalKey,
    ciProvider: principal?.ciProvider,
    sessionNameShape: principal?.sessionNameShape,
    credentials: principal?.credentials,
    servicePrincipal: principal?.servicePrincipal,
    resourceType: primary?.type,
    resourceTypes: resource.resourceTypes,
    resourceId: primary?.id,
    resourceTagged: primary?.tagged,
    resourceTagKeys: primary?.tagKeys,
    resourceTags: primary
      ? Object.entries(primary.tags)
          .map(([k, v]) => `${k}=${v}`)
          .sort()
      : undefined,
    resourceEnvironment: primary?.environmentClass,
    resourceOwner: primary?.owner,
    resourceStack: primary?.stack,
    resourceImage: primary?.imageId,
    resourceWebsite: primary?.website,
    resourceRole: resource.resourceRole,
    resourcePublicIp: resource.exposure.hasPublicIp,
    resourcePublicAccess: resource.exposure.publicAccess,
    localPort: resource.exposure.ports[0],
    localPorts: resource.exposure.ports.map(String),
    direction: observables.direction,
    protocol: observables.protocol,
    blocked: observables.blocked,
    newCountry: history?.newCountry,
    newAsn: history?.newAsn,
    newUserAgentFamily: history?.newUserAgentFamily,
    newApiAction: history?.newApiAction,
    historyBaseline: history?.baseline,
    cloudtrailErrors: cloudtrail?.errorCount,
  };
  return Object.fromEntries(Object.entries(fp).filter(([, v]) => v !== undefined)) as Fingerprint;
}

/** IP features from the finding alone, when ip-intel did not run. */
function ipFallback(finding: TriageFinding): IpIntel | undefined {
  const remote = finding.observables.remote;
  if (!remote?.ip) return undefined;
  const address = parseIp(remote.ip);
  const provider = hostingProvider(remote.asn);
  return {
    ip: remote.ip,
    scope: address ? ipScope(address) : 'unparseable',
    asn: remote.asn,
    asnOrg: remote.asnOrg ?? remote.org,
    countryCode: remote.countryCode,
    country: remote.country,
    hosting: provider !== undefined,
    hostingProvider: provider,
    tor: /\bTor(IPCaller|Client|Relay)\b/.test(finding.findingType),
    threatIntel: [],
    threatCategories: [],
  };
}

/**
 * Shapes that identify a tenant wherever they turn up (a user agent quoting an ARN, an organisation name
 * holding an email): a value matching one is dropped even under a poolable key.
 */
const IDENTIFIER_SHAPES: readonly RegExp[] = [
  /\barn:aws[a-z-]*:/i, // ARN
  /(?<!\d)\d{12}(?!\d)/, // account id
  /\b(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}\b/, // access key / unique ids
  /[^@\s]+@[^@\s]+\.[^@\s]+/, // email
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/, // IPv4
  /\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b/i, // IPv6
  /\bi-[0-9a-f]{8,17}\b/, // instance id
];

function identifying(value: string): boolean {
  return IDENTIFIER_SHAPES.some((shape) => shape.test(value));
}

/**
 * The anonymisable subset of a fingerprint, for pooling across tenants: only `poolable` keys, tag keys
 * restricted to CONVENTIONAL_TAG_KEYS, and no value that looks like an identifier (ARN, account id, access
 * key, email, IP, instance id). Whether a value may actually enter the pool (k distinct tenants, never a
 * true positive) is the pooling job's decision.
 */
export function poolableFeatures(fp: Readonly<Fingerprint>): Fingerprint {
  const pooled: Fingerprint = {};
  for (const [key, value] of Object.entries(fp)) {
    const doc = (FINDING_FINGERPRINT_KEYS as Record<string, KeyDoc>)[key];
    if (!doc?.poolable) continue;
    if (Array.isArray(value)) {
      const kept = value.filter(
        (item) => !identifying(item) && (key !== 'resourceTagKeys' || POOLABLE_TAG_KEYS.has(item)),
      );
      pooled[key] = kept;
    } else if (typeof value === 'string') {
      if (!identifying(value)) pooled[key] = value;
    } else {
      pooled[key] = value;
    }
  }
  return pooled;
}
