import { networkKey, parseIp } from '../../patterns/ip-network.js';
import { PATTERN_FEATURES, type PatternFeature } from '../../patterns/pattern-features.js';
import type { FeatureValue, Fingerprint, Predicate } from '../../patterns/predicate.js';

/**
 * Features kept as `equals` when every finding of the type shows the same value: who acted, how, and on
 * what. One that varies across the case's findings, or that some finding lacks, is not what makes the
 * behaviour expected, and is dropped.
 */
const SHARED_FEATURES = [
  'principalKind',
  'principalType',
  'principalName',
  'principalKey',
  'ciProvider',
  'sessionNameShape',
  'credentials',
  'servicePrincipal',
  'callerType',
  'actionType',
  'userAgentProduct',
  'awsAccountId',
  'region',
  'remoteScope',
  'domain',
  'resourceType',
  'resourceEnvironment',
  'resourceStack',
  'resourceOwner',
  'resourceRole',
  'resourcePublicIp',
  'resourcePublicAccess',
  'resourceWebsite',
  'direction',
  'protocol',
] as const satisfies readonly PatternFeature[];

/** Distinct API actions beyond which the actions are not a trait (the service, if one, is kept instead). */
const MAX_ACTIONS = 50;
/** Distinct user-agent families beyond which the tooling is not a trait. */
const MAX_UA_FAMILIES = 5;

/**
 * Distinct ASNs or address blocks beyond which the other side is not a stable trait (dropped). A deploy
 * role, an office or a partner calls from one or two networks; a case whose findings came from more is
 * "the internet" (scanners rotate through hosting ASNs every day), and a pattern pinned to the handful seen
 * would miss tomorrow's. Hosting and Tor remotes stay guarded by the novelty vetoes and the support.
 */
const MAX_REMOTES = 3;
/** Distinct local ports beyond which ports are not a stable trait (the support still records them). */
const MAX_PORTS = 20;
/** Shared tag keys turned into `tagPresent` predicates, at most (sorted, so the choice is stable). */
const MAX_TAG_KEYS = 5;
/** Blocks an address without an ASN is widened to: the /24 (IPv4) or the /48 site prefix (IPv6). */
const V4_BLOCK_BITS = 24;
const V6_BLOCK_BITS = 48;

/**
 * Features that tie a pattern to something specific (an actor, an action, a counterpart, a target). A
 * generalisation without one of them (say `direction = INBOUND` alone) would hide every finding of the
 * type: it is not proposed.
 */
export const ANCHOR_FEATURES: ReadonlySet<string> = new Set([
  'principalName',
  'principalKey',
  'servicePrincipal',
  'ciProvider',
  'apiAction',
  'apiService',
  'remoteAsn',
  'remoteIp',
  'resourceId',
  'resourceStack',
  'resourceOwner',
  'resourceTagKeys',
  'resourceImage',
  'localPorts',
  'domain',
]);

type Scalar = string | number | boolean;

function expectedType(feature: PatternFeature): 'string' | 'number' | 'boolean' {
  const kind = PATTERN_FEATURES[feature];
  if (kind === 'number' || kind === 'asn') return 'number';
  return kind === 'boolean' ? 'boolean' : 'string';
}

/** The feature's value in every fingerprint, or undefined when one lacks it or holds the wrong type. */
function valuesOf(fingerprints: readonly Fingerprint[], feature: PatternFeature): Scalar[] | undefined {
  const type = expectedType(feature);
  const values: Scalar[] = [];
  for (const fp of fingerprints) {
    const v: FeatureValue | undefined = fp[feature];
    if (typeof v !== type || (typeof v === 'string' && (v.length === 0 || v.length > 1024))) return undefined;
    values.push(v as Scalar);
  }
  return values;
}

const distinct = <T extends Scalar>(values: readonly T[]): T[] =>
  [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function setPredicate(feature: PatternFeature, values: readonly Scalar[]): Predicate {
  return values.length === 1
    ? { feature, op: 'equals', value: values[0] }
    : { feature, op: 'in', values: values as (string | number)[] };
}

/** The block of `bits` holding an address, as CIDR text (`203.0.113.0/24`, `2001:db8:12:0:0:0:0:0/48`). */
export function blockOf(ip: string): string | undefined {
  const address = parseIp(ip);
  if (!address) return undefined;
  if (address.family === 4) {
    const word = networkKey(address, V4_BLOCK_BITS) as number;
    return `${[24, 16, 8, 0].map((shift) => (word >>> shift) & 0xff).join('.')}/${V4_BLOCK_BITS}`;
  }
  const words = (networkKey(address, V6_BLOCK_BITS) as string).split(':').map(Number);
  const groups = words.flatMap((w) => [Math.floor(w / 0x10000), w % 0x10000].map((g) => g.toString(16)));
  return `${groups.join(':')}/${V6_BLOCK_BITS}`;
}

/**
 * The other side: exact addresses become their autonomous systems (`remoteAsn ∈ {…}`) when every finding
 * knows its ASN, else the blocks that hold them (/24, /48). None when some finding has no remote, or when
 * the remotes are too many to be a trait.
 */
function remotePredicate(fingerprints: readonly Fingerprint[]): Predicate | undefined {
  const asns = valuesOf(fingerprints, 'remoteAsn') as number[] | undefined;
  if (asns) {
    const set = distinct(asns);
    return set.length <= MAX_REMOTES ? { feature: 'remoteAsn', op: 'asn', asns: set } : undefined;
  }
  const ips = valuesOf(fingerprints, 'remoteIp') as string[] | undefined;
  if (!ips) return undefined;
  const blocks = ips.map(blockOf);
  if (blocks.some((b) => b === undefined)) return undefined;
  const set = distinct(blocks as string[]);
  return set.length <= MAX_REMOTES ? { feature: 'remoteIp', op: 'cidr', blocks: set } : undefined;
}

/**
 * The API actions: the set seen, or the services they belong to when the set holds several actions of one
 * service. A deploy role seen creating a role and attaching a policy to it will call another IAM API
 * tomorrow; listing only the calls of the case made every new one a new case. One action per service stays
 * an action (a role that only ever lists stacks is not thereby allowed every CloudFormation call). The
 * support keeps the exact actions either way.
 */
function actionPredicate(fingerprints: readonly Fingerprint[]): Predicate | undefined {
  const values = valuesOf(fingerprints, 'apiAction') as string[] | undefined;
  const set = values ? distinct(values) : [];
  if (set.length === 0 || set.length > MAX_ACTIONS) return undefined;
  const perService = new Map<string, number>();
  for (const action of set) {
    const service = action.includes(':') ? action.split(':')[0] : undefined;
    if (service === undefined) return setPredicate('apiAction', set);
    perService.set(service, (perService.get(service) ?? 0) + 1);
  }
  if ([...perService.values()].every((n) => n === 1)) return setPredicate('apiAction', set);
  return setPredicate('apiService', distinct([...perService.keys()]));
}

/**
 * The tooling: the user-agent families seen, and for a single family its major versions from the lowest
 * seen on (`userAgentMajor >= n`): tools are upgraded (Terraform 1.9 → 1.10 → 2), rarely downgraded. With
 * several families a major version says nothing on its own (aws-cli 2 and Terraform 1 are not "1 to 2").
 */
function userAgentPredicates(fingerprints: readonly Fingerprint[]): Predicate[] {
  const families = valuesOf(fingerprints, 'userAgentFamily');
  const set = families ? distinct(families) : [];
  if (set.length === 0 || set.length > MAX_UA_FAMILIES) return [];
  const predicates = [setPredicate('userAgentFamily', set)];
  const majors = valuesOf(fingerprints, 'userAgentMajor') as number[] | undefined;
  if (set.length === 1 && majors) {
    predicates.push({ feature: 'userAgentMajor', op: 'range', min: Math.min(...majors) });
  }
  return predicates;
}

function portsPredicate(fingerprints: readonly Fingerprint[]): Predicate | undefined {
  const lists = fingerprints.map((fp) => fp.localPorts);
  if (!lists.every((l): l is string[] => Array.isArray(l) && l.length > 0)) return undefined;
  const ports = distinct(lists.flat().filter((p) => /^\d{1,5}$/.test(p))).sort(
    (a, b) => Number(a) - Number(b),
  );
  return ports.length > 0 && ports.length <= MAX_PORTS
    ? { feature: 'localPorts', op: 'in', values: ports }
    : undefined;
}

function sharedTagKeys(fingerprints: readonly Fingerprint[]): string[] {
  const lists = fingerprints.map((fp) => fp.resourceTagKeys);
  if (!lists.every((l): l is string[] => Array.isArray(l))) return [];
  return distinct(lists[0].filter((key) => key.length <= 128 && lists.every((l) => l.includes(key)))).slice(
    0,
    MAX_TAG_KEYS,
  );
}

/**
 * The predicates of a pattern generalised from fingerprints of one finding type: stable features kept
 * (SHARED_FEATURES), API actions as the set seen or their services (`actionPredicate`), user agents as
 * families and a version floor (`userAgentPredicates`; the fingerprint holds no raw user agent), exact IPs
 * turned into ASNs or blocks, shared tag keys as `tagPresent`.
 *
 * Never a predicate of a learnt pattern, each for a reason:
 * - `findingType`, `findingTypeFamily`: the pattern's own type says it;
 * - `severityLabel`: severity is the provider's judgement of one occurrence; CRITICAL has its own veto;
 * - `remoteIp`: an exact address, turned into its ASN (or block); `remoteAsnOrg` follows the ASN;
 * - `remoteCountry`, `remoteHosting`, `remoteHostingProvider`, `remoteTor`: recorded in the support, where
 *   the novelty vetoes judge each later finding (pinning them would silence those vetoes);
 * - `threatCategories`: threat intelligence is never learnt as benign;
 * - `localPort`: `localPorts` carries every port; `resourceTypes`: `resourceType` names the primary one;
 * - `resourceTags`: not produced by the fingerprint; `blocked`: a per-occurrence network outcome;
 * - `newCountry`, `newAsn`, `newUserAgentFamily`, `newApiAction`: the principal's history at that moment,
 *   not behaviour; `cloudtrailErrors` and any other count, id or time: volatile by nature;
 * - `resourceImage`: only when the instance is the ACTOR (see above);
 * - `resourceId`: only kept when every finding names the same resource and nothing else (stack, owner,
 *   environment, tag keys) describes it: instances are replaced, their role stays.
 */
export function generalisePredicates(fingerprints: readonly Fingerprint[]): Predicate[] {
  if (fingerprints.length === 0) return [];
  const predicates: Predicate[] = [];
  const shared = (feature: PatternFeature): Scalar | undefined => {
    const values = valuesOf(fingerprints, feature);
    return values && distinct(values).length === 1 ? values[0] : undefined;
  };

  for (const feature of SHARED_FEATURES) {
    const value = shared(feature);
    if (value !== undefined) predicates.push({ feature, op: 'equals', value });
  }

  const actions = actionPredicate(fingerprints);
  if (actions) predicates.push(actions);
  else {
    // Too many actions to list: the service, when they share one.
    const service = shared('apiService');
    if (service !== undefined) predicates.push({ feature: 'apiService', op: 'equals', value: service });
  }
  predicates.push(...userAgentPredicates(fingerprints));

  const remote = remotePredicate(fingerprints);
  if (remote) predicates.push(remote);
  const ports = portsPredicate(fingerprints);
  if (ports) predicates.push(ports);

  const tagKeys = sharedTagKeys(fingerprints);
  for (const key of tagKeys) predicates.push({ op: 'tagPresent', key });
  if (tagKeys.length === 0) {
    const tagged = shared('resourceTagged');
    if (tagged !== undefined) predicates.push({ feature: 'resourceTagged', op: 'equals', value: tagged });
  }

  // The image says what software acted: kept when the instance is the actor (a scanner appliance sweeping
  // the network, a node querying pools). What was done TO an instance does not depend on its image, and
  // pinning a target's image would break the pattern at the next image build.
  const image = shared('resourceImage');
  if (image !== undefined && shared('resourceRole') === 'ACTOR') {
    predicates.push({ feature: 'resourceImage', op: 'equals', value: image });
  }

  const described = predicates.some(
    (p) =>
      p.op === 'tagPresent' ||
      ('feature' in p && ['resourceStack', 'resourceOwner', 'resourceEnvironment'].includes(p.feature)),
  );
  const resourceId = shared('resourceId');
  if (resourceId !== undefined && !described) {
    predicates.push({ feature: 'resourceId', op: 'equals', value: resourceId });
  }
  return predicates;
}

/** Whether the predicates tie the pattern to something specific (see ANCHOR_FEATURES). */
export function isAnchored(predicates: readonly Predicate[]): boolean {
  return predicates.some((p) => p.op === 'tagPresent' || ('feature' in p && ANCHOR_FEATURES.has(p.feature)));
}
