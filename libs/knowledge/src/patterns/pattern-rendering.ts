import type { Predicate } from './predicate.js';

function value(v: string | number | boolean): string {
  return String(v);
}

function set(values: readonly (string | number)[]): string {
  return `{${values.map(value).join(', ')}}`;
}

/** One predicate as an analyst reads it: `remoteAsn ∈ {AS8075}`, `10 ≤ localPort ≤ 20`, `tag Env = prod`. */
export function renderPredicate(p: Predicate): string {
  switch (p.op) {
    case 'equals':
      return `${p.feature} = ${value(p.value)}`;
    case 'in':
      return `${p.feature} ∈ ${set(p.values)}`;
    case 'prefix':
      return `${p.feature} starts with ${p.value}`;
    case 'range':
      if (p.min !== undefined && p.max !== undefined) return `${p.min} ≤ ${p.feature} ≤ ${p.max}`;
      return p.min !== undefined ? `${p.feature} ≥ ${p.min}` : `${p.feature} ≤ ${p.max}`;
    case 'cidr':
      return `${p.feature} ∈ ${set(p.blocks)}`;
    case 'asn':
      return `${p.feature} ∈ ${set(p.asns.map((a) => `AS${a}`))}`;
    case 'present':
      return `${p.feature} present`;
    case 'absent':
      return `${p.feature} absent`;
    case 'tagPresent':
      return `tag ${p.key} present`;
    case 'tagAbsent':
      return `tag ${p.key} absent`;
    case 'tagEquals':
      return `tag ${p.key} = ${p.value}`;
  }
}

/**
 * A pattern on one line, e.g.
 * `UnauthorizedAccess:IAMUser/ConsoleLogin where principalKind = ci-oidc ∧ remoteAsn ∈ {AS8075}`.
 */
export function renderPattern(pattern: { findingType: string; predicates: readonly Predicate[] }): string {
  if (pattern.predicates.length === 0) return `${pattern.findingType} (every finding of the type)`;
  return `${pattern.findingType} where ${pattern.predicates.map(renderPredicate).join(' ∧ ')}`;
}
