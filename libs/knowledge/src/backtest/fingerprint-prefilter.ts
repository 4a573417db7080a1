import { featureKind } from '../patterns/pattern-features.js';
import { type Predicate, predicateFeature } from '../patterns/predicate.js';

/** SQL parameters as they are numbered: `add` returns the placeholder of a new one. */
export class SqlParams {
  readonly values: unknown[];

  constructor(initial: readonly unknown[]) {
    this.values = [...initial];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Fingerprint keys with a btree expression index on findings (`(tenant_id, (fingerprint->>key))`, from the
 * cases migration): an equals on them is written so that the planner can use it.
 */
const INDEXED_TEXT_KEYS = new Set(['principalKey', 'resourceId']);

/** `{ feature: value }` and `{ feature: [value] }`: the fingerprint holds the value, alone or in its list. */
function holdsValue(
  column: string,
  params: SqlParams,
  feature: string,
  value: string | number | boolean,
): string {
  return `${column} @> ANY(${params.add([JSON.stringify({ [feature]: value }), JSON.stringify({ [feature]: [value] })])}::jsonb[])`;
}

function holdsOneOf(
  column: string,
  params: SqlParams,
  feature: string,
  values: readonly (string | number)[],
): string {
  const shapes = values.flatMap((v) => [
    JSON.stringify({ [feature]: v }),
    JSON.stringify({ [feature]: [v] }),
  ]);
  return `${column} @> ANY(${params.add(shapes)}::jsonb[])`;
}

/**
 * A necessary condition of one predicate, in SQL over the jsonb fingerprint, or undefined when it is left
 * to the exact evaluation in code (CIDR blocks: PostgreSQL's inet does not read IPv4-mapped addresses the
 * way the matcher does, and a malformed address would fail the cast).
 */
function conditionOf(p: Predicate, column: string, params: SqlParams): string | undefined {
  const feature = predicateFeature(p);
  // The feature's jsonb value; a parameter is only added where it is used (an unused one has no type).
  const value = () => `(${column} -> ${params.add(feature)}::text)`;
  switch (p.op) {
    case 'equals':
      if (INDEXED_TEXT_KEYS.has(feature) && typeof p.value === 'string') {
        // The expression of the index, verbatim (the key as a literal: it is one of two known names).
        return `(${column} ->> '${feature}') = ${params.add(p.value)}`;
      }
      return holdsValue(column, params, feature, p.value);
    case 'in':
      return holdsOneOf(column, params, feature, p.values);
    case 'asn':
      return holdsOneOf(column, params, feature, p.asns);
    case 'tagPresent':
      return holdsValue(column, params, feature, p.key);
    case 'tagEquals':
      return holdsValue(column, params, feature, `${p.key}=${p.value}`);
    case 'tagAbsent':
      return `(jsonb_typeof(${value()}) = 'array' AND NOT ${value()} ? ${params.add(p.key)}::text)`;
    case 'present':
      return `${value()} IS NOT NULL`;
    case 'absent':
      return `${value()} IS NULL`;
    case 'prefix':
      // A list is left to the code; a scalar is compared as text (the code also wants a string).
      return `(jsonb_typeof(${value()}) = 'array' OR starts_with(${column} ->> ${params.add(feature)}::text, ${params.add(p.value)}::text))`;
    case 'range': {
      const bounds = [
        p.min === undefined
          ? null
          : `(${column} ->> ${params.add(feature)}::text)::numeric >= ${params.add(p.min)}`,
        p.max === undefined
          ? null
          : `(${column} ->> ${params.add(feature)}::text)::numeric <= ${params.add(p.max)}`,
      ].filter((b): b is string => b !== null);
      // CASE keeps the cast away from anything but a number.
      return `(CASE jsonb_typeof(${value()}) WHEN 'array' THEN true WHEN 'number' THEN ${bounds.join(' AND ') || 'true'} ELSE false END)`;
    }
    case 'cidr':
      return undefined;
  }
}

/**
 * The part of a pattern the database can check on a finding's fingerprint before it is read: a necessary
 * condition of the predicates (every finding they match passes it), so that a backtest reads only the
 * findings that may match instead of every finding of the type. The exact verdict stays with
 * `predicateHolds`, in code, on what passes. Unknown features are left to the code (they match nothing).
 */
export function fingerprintPrefilter(
  predicates: readonly Predicate[],
  column: string,
  params: SqlParams,
): string[] {
  return predicates
    .filter((p) => featureKind(predicateFeature(p)) !== undefined)
    .map((p) => conditionOf(p, column, params))
    .filter((c): c is string => c !== undefined);
}
