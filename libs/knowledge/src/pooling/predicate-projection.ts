import { ASN_FEATURE, TAG_KEYS_FEATURE, type PatternFeature } from '../patterns/pattern-features.js';
import { type Predicate, predicateFeature } from '../patterns/predicate.js';
import { isIdentifying } from './identifying-value.js';
import { POOLABLE_FEATURES, POOLABLE_TAG_KEYS } from './poolable-features.js';

type SetValue = string | number;

function compareValues(a: SetValue, b: SetValue): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const sortedDistinct = <T extends SetValue>(values: readonly T[]): T[] =>
  [...new Set(values)].sort(compareValues);

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;

/**
 * A value this feature may carry into the pool: no identifier shape, tag keys only conventional ones. The
 * one resource id let through is a machine image under `resourceImage`, and only as a bare AMI id: a
 * vendor's public image (a scanner appliance, which GuardDuty's own suppression guidance keys on) is the
 * same id in every tenant, while a tenant's private image is seen in that tenant alone and so never reaches
 * the k tenants a shape needs.
 */
function poolableValue(feature: string, value: string | number | boolean): boolean {
  if (feature === 'resourceImage') return typeof value === 'string' && AMI_ID.test(value);
  if (isIdentifying(value)) return false;
  return feature !== TAG_KEYS_FEATURE || (typeof value === 'string' && POOLABLE_TAG_KEYS.has(value));
}

/**
 * One tenant predicate as it may enter the pool, in canonical form, or undefined when it must not: its
 * feature is not poolable, or one of its values has the shape of an identifier. A predicate is kept whole
 * or dropped whole, never narrowed (an `in` losing some of its values), so that a projection is always a
 * weakening of the tenant's pattern: every finding the tenant pattern matches, its projection matches too,
 * which is what lets a true positive of the tenant pattern contradict its pooled form.
 *
 * Canonical form, so that equivalent predicates of two tenants are equal: ASN conditions as `asn` with
 * sorted, distinct numbers (`remoteAsn = 8075` and `remoteAsn ∈ {8075}` are the same condition), sets
 * sorted and distinct, a one-value `in` as `equals`, fields in a fixed order.
 */
export function projectPredicate(p: Predicate): Predicate | undefined {
  const feature = predicateFeature(p);
  if (!POOLABLE_FEATURES.has(feature as PatternFeature)) return undefined;
  switch (p.op) {
    case 'tagPresent':
    case 'tagAbsent':
      return poolableValue(feature, p.key) ? { op: p.op, key: p.key } : undefined;
    case 'tagEquals':
      // Reads `key=value` pairs: tag values never pass (and `resourceTags` is not poolable anyway).
      return undefined;
    case 'present':
    case 'absent':
      return { feature: p.feature, op: p.op };
    case 'range': {
      const range: Extract<Predicate, { op: 'range' }> = { feature: p.feature, op: 'range' };
      if (typeof p.min === 'number') range.min = p.min;
      if (typeof p.max === 'number') range.max = p.max;
      return range;
    }
    case 'cidr':
      // Address blocks are the tenant's network: only on `remoteIp`, which is not poolable; kept out
      // whatever feature a malformed predicate names.
      return undefined;
    case 'prefix':
      return feature !== TAG_KEYS_FEATURE && poolableValue(feature, p.value)
        ? { feature: p.feature, op: 'prefix', value: p.value }
        : undefined;
    case 'equals':
    case 'in':
    case 'asn': {
      const values: readonly (string | number | boolean)[] =
        p.op === 'equals' ? [p.value] : p.op === 'in' ? p.values : p.asns;
      if (values.length === 0 || !values.every((v) => poolableValue(feature, v))) return undefined;
      if (feature === ASN_FEATURE) {
        if (!values.every((v) => typeof v === 'number')) return undefined;
        return { feature: p.feature, op: 'asn', asns: sortedDistinct(values as number[]) };
      }
      if (p.op === 'equals') return { feature: p.feature, op: 'equals', value: p.value };
      const set = sortedDistinct(values as SetValue[]);
      return set.length === 1
        ? { feature: p.feature, op: 'equals', value: set[0] }
        : { feature: p.feature, op: 'in', values: set };
    }
  }
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Distinct predicates in canonical order: by feature, then by canonical text. */
export function canonicalOrder(predicates: readonly Predicate[]): Predicate[] {
  const byText = new Map(
    predicates.map((p) => [`${predicateFeature(p)}\u0000${canonicalJson(p)}`, p] as const),
  );
  return [...byText.keys()].sort().map((text) => byText.get(text)!);
}
