/**
 * What a fingerprint feature holds, which decides the predicates a pattern may put on it:
 * - `string`, `list` (a sorted list of strings; a predicate holds when one element does): equals, in, prefix;
 * - `number`: equals, in, range; `asn` (a number naming an autonomous system) also `asn`;
 * - `ip` (an address as text): equals, in, cidr;
 * - `boolean`: equals.
 * Every feature also takes present and absent.
 */
export type FeatureKind = 'string' | 'list' | 'number' | 'asn' | 'ip' | 'boolean';

/**
 * The fingerprint features a pattern may name. Mirrors `FINDING_FINGERPRINT_KEYS` of the triage library,
 * which computes them (documented there); the knowledge base cannot import triage (triage imports it), so
 * the catalogue is repeated here with each feature's kind. A pattern naming a feature not listed is
 * refused, so a typo cannot produce a pattern that silently never (or, with `absent`, always) matches.
 */
export const PATTERN_FEATURES = {
  findingType: 'string',
  findingTypeFamily: 'string',
  severityLabel: 'string',
  region: 'string',
  awsAccountId: 'string',
  actionType: 'string',
  apiAction: 'string',
  apiService: 'string',
  callerType: 'string',
  userAgentFamily: 'string',
  userAgentMajor: 'number',
  userAgentProduct: 'string',
  remoteIp: 'ip',
  remoteScope: 'string',
  remoteAsn: 'asn',
  remoteAsnOrg: 'string',
  remoteCountry: 'string',
  remoteHosting: 'boolean',
  remoteHostingProvider: 'string',
  remoteTor: 'boolean',
  threatCategories: 'list',
  domain: 'string',
  principalKind: 'string',
  principalType: 'string',
  principalName: 'string',
  principalKey: 'string',
  ciProvider: 'string',
  sessionNameShape: 'string',
  credentials: 'string',
  servicePrincipal: 'string',
  resourceType: 'string',
  resourceTypes: 'list',
  resourceId: 'string',
  resourceTagged: 'boolean',
  resourceTagKeys: 'list',
  /** `key=value` of each tag of the primary resource, for tagEquals. */
  resourceTags: 'list',
  resourceEnvironment: 'string',
  resourceOwner: 'string',
  resourceStack: 'string',
  resourceImage: 'string',
  resourceWebsite: 'boolean',
  resourceRole: 'string',
  resourcePublicIp: 'boolean',
  resourcePublicAccess: 'boolean',
  localPort: 'number',
  localPorts: 'list',
  direction: 'string',
  protocol: 'string',
  blocked: 'boolean',
  newCountry: 'boolean',
  newAsn: 'boolean',
  newUserAgentFamily: 'boolean',
  newApiAction: 'boolean',
  historyBaseline: 'boolean',
  cloudtrailErrors: 'number',
} as const satisfies Record<string, FeatureKind>;

export type PatternFeature = keyof typeof PATTERN_FEATURES;

export const PATTERN_FEATURE_NAMES = Object.keys(PATTERN_FEATURES) as [PatternFeature, ...PatternFeature[]];

/** Where tag predicates look: the primary resource's tag keys, and its `key=value` pairs. */
export const TAG_KEYS_FEATURE = 'resourceTagKeys' satisfies PatternFeature;
export const TAGS_FEATURE = 'resourceTags' satisfies PatternFeature;
export const CIDR_FEATURE = 'remoteIp' satisfies PatternFeature;
export const ASN_FEATURE = 'remoteAsn' satisfies PatternFeature;

export function featureKind(feature: string): FeatureKind | undefined {
  return (PATTERN_FEATURES as Record<string, FeatureKind>)[feature];
}
