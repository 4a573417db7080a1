import { createHash } from 'node:crypto';
import type { PatternFeature } from '../patterns/pattern-features.js';
import { type Predicate, predicateFeature } from '../patterns/predicate.js';
import { isIdentifying } from './identifying-value.js';
import { POOL_ANCHOR_FEATURES, TYPE_FEATURES } from './poolable-features.js';
import { canonicalJson, canonicalOrder, projectPredicate } from './predicate-projection.js';

/** An anonymised, canonical fingerprint of known-good behaviour: what tenants' patterns are counted by. */
export interface PoolShape {
  /** SHA-256 of the canonical finding type and predicates: equal for equivalent patterns of any tenant. */
  key: string;
  findingType: string;
  predicates: Predicate[];
}

/**
 * A pattern whose sets (`in`, `asn`) have at most this many combinations is split into one shape per
 * combination: a pattern is the disjunction of those (`localPorts ∈ {22, 443} ∧ remoteAsn ∈ {AS1, AS2}`
 * holds exactly when one of its four one-value forms does), and two tenants whose sets overlap meet on the
 * combinations they share instead of never agreeing on a whole set. Past the limit the sets stay whole.
 */
export const MAX_COMBINATIONS = 64;

/** Distinct features, besides those restating the finding type, a shape must constrain to be pooled. */
export const MIN_SPECIFIC_FEATURES = 2;

function alternatives(p: Predicate): Predicate[] {
  if (p.op === 'in') return p.values.map((value) => ({ feature: p.feature, op: 'equals', value }));
  if (p.op === 'asn') return p.asns.map((asn) => ({ feature: p.feature, op: 'asn', asns: [asn] }));
  return [p];
}

function combinations(predicates: readonly Predicate[]): Predicate[][] {
  const choices = predicates.map(alternatives);
  const count = choices.reduce((n, c) => n * c.length, 1);
  if (count > MAX_COMBINATIONS) return [[...predicates]];
  return choices.reduce<Predicate[][]>(
    (partial, options) => partial.flatMap((prefix) => options.map((o) => [...prefix, o])),
    [[]],
  );
}

/**
 * Whether a shape says enough to be applied in every consuming tenant: at least MIN_SPECIFIC_FEATURES
 * features pinned down by a value (present / absent pin nothing), one of them an anchor (an action, an
 * acting service, a network, a port: POOL_ANCHOR_FEATURES). A shape left with the finding type and the
 * resource type would hide every finding of that type everywhere.
 */
export function specificEnough(predicates: readonly Predicate[]): boolean {
  const pinned = new Set(
    predicates
      .filter((p) => p.op !== 'present' && p.op !== 'absent')
      .map((p) => predicateFeature(p) as PatternFeature)
      .filter((feature) => !TYPE_FEATURES.has(feature)),
  );
  return pinned.size >= MIN_SPECIFIC_FEATURES && [...pinned].some((f) => POOL_ANCHOR_FEATURES.has(f));
}

export function shapeKey(findingType: string, predicates: readonly Predicate[]): string {
  return createHash('sha256').update(canonicalJson({ findingType, predicates })).digest('hex');
}

/**
 * The anonymised shapes of one tenant pattern: its predicates projected onto poolable features
 * (`projectPredicate`), put in canonical order, split into combinations (MAX_COMBINATIONS), and kept only
 * when specific enough. Nothing else of the pattern goes along: not its name, description, provenance,
 * dates or counters, which may all hold the tenant's words.
 */
export function projectPattern(pattern: {
  findingType: string;
  predicates: readonly Predicate[];
}): PoolShape[] {
  if (isIdentifying(pattern.findingType)) return [];
  const projected = pattern.predicates.map(projectPredicate).filter((p): p is Predicate => p !== undefined);
  const shapes = new Map<string, PoolShape>();
  for (const combination of combinations(canonicalOrder(projected))) {
    const predicates = canonicalOrder(combination);
    if (!specificEnough(predicates)) continue;
    const key = shapeKey(pattern.findingType, predicates);
    shapes.set(key, { key, findingType: pattern.findingType, predicates });
  }
  return [...shapes.values()];
}
