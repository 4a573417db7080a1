import { TAG_KEYS_FEATURE, TAGS_FEATURE } from './pattern-features.js';
import { networkContains, parseCidr, parseIp } from './ip-network.js';

/** A fingerprint feature's value: what the fingerprint of a finding holds per key. */
export type FeatureValue = string | number | boolean | string[];

export type Fingerprint = Readonly<Record<string, FeatureValue>>;

/**
 * One condition on the fingerprint. A pattern is the conjunction of its predicates. A feature the
 * fingerprint lacks satisfies only `absent`; on a list feature (ports, tag keys…) a value predicate holds
 * when one element of the list satisfies it.
 *
 * - `cidr` holds when the address is in one of the blocks (IPv4 and IPv6);
 * - `asn` holds when the autonomous system is one of `asns` (written AS8075 in renderings);
 * - `tagPresent` / `tagAbsent` look at the primary resource's tag keys (`tagAbsent` needs the resource's
 *   tags to be known: a finding without a resource is not "untagged"), `tagEquals` at its `key=value` pairs.
 */
export type Predicate =
  | { feature: string; op: 'equals'; value: string | number | boolean }
  | { feature: string; op: 'in'; values: readonly (string | number)[] }
  | { feature: string; op: 'prefix'; value: string }
  | { feature: string; op: 'range'; min?: number; max?: number }
  | { feature: string; op: 'cidr'; blocks: readonly string[] }
  | { feature: string; op: 'asn'; asns: readonly number[] }
  | { feature: string; op: 'present' }
  | { feature: string; op: 'absent' }
  | { op: 'tagPresent'; key: string }
  | { op: 'tagAbsent'; key: string }
  | { op: 'tagEquals'; key: string; value: string };

export type PredicateOp = Predicate['op'];

/** The feature a predicate reads (tag predicates read the resource's tag keys or tags). */
export function predicateFeature(predicate: Predicate): string {
  switch (predicate.op) {
    case 'tagPresent':
    case 'tagAbsent':
      return TAG_KEYS_FEATURE;
    case 'tagEquals':
      return TAGS_FEATURE;
    default:
      return predicate.feature;
  }
}

function anyElement(actual: FeatureValue, test: (v: string | number | boolean) => boolean): boolean {
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}

/**
 * The meaning of a predicate, written plainly. The compiled index (`PatternIndex`) must agree with it on
 * every input; its property test compares the two on random patterns and fingerprints.
 */
export function predicateHolds(predicate: Predicate, fingerprint: Fingerprint): boolean {
  const actual = fingerprint[predicateFeature(predicate)];
  if (predicate.op === 'absent') return actual === undefined;
  if (actual === undefined) return false;
  switch (predicate.op) {
    case 'present':
      return true;
    case 'equals':
      return anyElement(actual, (v) => v === predicate.value);
    case 'in':
      return anyElement(actual, (v) => typeof v !== 'boolean' && predicate.values.includes(v));
    case 'prefix':
      return anyElement(actual, (v) => typeof v === 'string' && v.startsWith(predicate.value));
    case 'range':
      return anyElement(
        actual,
        (v) =>
          typeof v === 'number' &&
          (predicate.min === undefined || v >= predicate.min) &&
          (predicate.max === undefined || v <= predicate.max),
      );
    case 'cidr':
      return anyElement(actual, (v) => {
        const address = typeof v === 'string' ? parseIp(v) : undefined;
        return (
          address !== undefined &&
          predicate.blocks.some((block) => {
            const network = parseCidr(block);
            return network !== undefined && networkContains(network, address);
          })
        );
      });
    case 'asn':
      return anyElement(actual, (v) => typeof v === 'number' && predicate.asns.includes(v));
    case 'tagPresent':
      return anyElement(actual, (v) => v === predicate.key);
    case 'tagAbsent':
      return Array.isArray(actual) && !actual.includes(predicate.key);
    case 'tagEquals':
      return anyElement(actual, (v) => v === `${predicate.key}=${predicate.value}`);
  }
}

export function allHold(predicates: readonly Predicate[], fingerprint: Fingerprint): boolean {
  return predicates.every((p) => predicateHolds(p, fingerprint));
}
