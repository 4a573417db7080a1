/** A fingerprint feature's value: what the fingerprint of a finding holds per key. */
export type FeatureValue = string | number | boolean | string[];

export type Fingerprint = Readonly<Record<string, FeatureValue>>;

/**
 * One condition on one fingerprint feature. A pattern is the conjunction of its predicates; a feature
 * the fingerprint lacks satisfies only `absent`.
 */
export type Predicate =
  | { feature: string; op: 'equals'; value: string | number | boolean }
  | { feature: string; op: 'in'; values: readonly (string | number)[] }
  | { feature: string; op: 'prefix'; value: string }
  | { feature: string; op: 'range'; min?: number; max?: number }
  | { feature: string; op: 'present' }
  | { feature: string; op: 'absent' };

function scalarMatches(actual: FeatureValue, test: (v: string | number | boolean) => boolean): boolean {
  // A list feature (several ports, several tags) matches when any of its values does.
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}

export function predicateHolds(predicate: Predicate, fingerprint: Fingerprint): boolean {
  const actual = fingerprint[predicate.feature];
  if (predicate.op === 'absent') return actual === undefined;
  if (actual === undefined) return false;
  switch (predicate.op) {
    case 'present':
      return true;
    case 'equals':
      return scalarMatches(actual, (v) => v === predicate.value);
    case 'in':
      return scalarMatches(actual, (v) => typeof v !== 'boolean' && predicate.values.includes(v));
    case 'prefix':
      return scalarMatches(actual, (v) => typeof v === 'string' && v.startsWith(predicate.value));
    case 'range':
      return scalarMatches(
        actual,
        (v) =>
          typeof v === 'number' &&
          (predicate.min === undefined || v >= predicate.min) &&
          (predicate.max === undefined || v <= predicate.max),
      );
  }
}

export function allHold(predicates: readonly Predicate[], fingerprint: Fingerprint): boolean {
  return predicates.every((p) => predicateHolds(p, fingerprint));
}
