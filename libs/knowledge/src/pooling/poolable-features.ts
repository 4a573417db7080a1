import type { PatternFeature } from '../patterns/pattern-features.js';

/**
 * The fingerprint features that may enter the cross-tenant pool: generalised behaviour (what kind of
 * finding, which API, which SDK family and major version, which network and provider, which AWS service,
 * which kind of resource and port), never a tenant identifier. The same set as the `poolable: true` keys of
 * `FINDING_FINGERPRINT_KEYS` in the triage library, repeated here because the knowledge base cannot import
 * triage (triage imports it); triage's own test checks that the two lists agree.
 *
 * Left out on purpose: account ids, regions, exact addresses, domains, principal names and keys, resource
 * ids, owner / stack tag values, `key=value` tags, the product token of an unknown user agent (it may name
 * a tenant's tool) and the principal's history flags (they describe one tenant's past, not behaviour).
 */
export const POOLABLE_FEATURES: ReadonlySet<PatternFeature> = new Set<PatternFeature>([
  'findingType',
  'findingTypeFamily',
  'severityLabel',
  'actionType',
  'apiAction',
  'apiService',
  'callerType',
  'userAgentFamily',
  'userAgentMajor',
  'remoteScope',
  'remoteAsn',
  'remoteAsnOrg',
  'remoteCountry',
  'remoteHosting',
  'remoteHostingProvider',
  'remoteTor',
  'threatCategories',
  'principalKind',
  'principalType',
  'ciProvider',
  'sessionNameShape',
  'credentials',
  'servicePrincipal',
  'resourceType',
  'resourceTypes',
  'resourceTagged',
  'resourceTagKeys',
  'resourceEnvironment',
  'resourceImage',
  'resourceWebsite',
  'resourceRole',
  'resourcePublicIp',
  'resourcePublicAccess',
  'localPort',
  'localPorts',
  'direction',
  'protocol',
  'blocked',
]);

/**
 * Tag keys that are conventions rather than a tenant's vocabulary: the only keys a pooled `tagPresent` /
 * `tagAbsent` may name, and the only ones triage's `poolableFeatures` keeps of a finding's `resourceTagKeys`.
 * A tenant's own key (`acme-cost-code`) would say whose pattern it was.
 */
export const POOLABLE_TAG_KEYS: ReadonlySet<string> = new Set([
  'Name',
  'Environment',
  'Env',
  'Stage',
  'Owner',
  'Team',
  'Project',
  'Application',
  'CostCenter',
  'aws:cloudformation:stack-name',
  'aws:cloudformation:stack-id',
  'aws:cloudformation:logical-id',
  'aws:autoscaling:groupName',
  'aws:ec2launchtemplate:id',
  'aws:eks:cluster-name',
  'eks:cluster-name',
  'kubernetes.io/cluster',
]);

/**
 * Features that tie a pooled pattern to something specific: an action, an acting service or CI system, a
 * network on the other side, a port. A projection left without one (only `direction = INBOUND` and the
 * resource type, say) would hide every finding of its type in every consuming tenant: it is not pooled.
 */
export const POOL_ANCHOR_FEATURES: ReadonlySet<PatternFeature> = new Set<PatternFeature>([
  'apiAction',
  'apiService',
  'servicePrincipal',
  'ciProvider',
  'remoteAsn',
  'remoteAsnOrg',
  'remoteHostingProvider',
  'localPort',
  'localPorts',
  // What runs on the instance (a scanner appliance's public image) and what a bucket is for (a website).
  'resourceImage',
  'resourceWebsite',
]);

/** Features that only restate the pattern's finding type: they make a projection no more specific. */
export const TYPE_FEATURES: ReadonlySet<PatternFeature> = new Set<PatternFeature>([
  'findingType',
  'findingTypeFamily',
  'severityLabel',
]);
