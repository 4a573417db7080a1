import type { CompiledPattern } from './compiled-pattern.js';
import type { PatternIndex } from './index/pattern-index.js';
import type { MatchOutcome, MatchQuery, PatternMatch, VetoedMatch } from './match-result.js';
import { noveltyVetoes } from './novelty-vetoes.js';

/** Vetoed candidates reported with a verdict: enough to explain it, not a list to scroll. */
export const VETOED_REPORTED = 3;

/** One scope's index as a tenant sees it: the tenant's own patterns, or the global ones. */
export interface ScopeView {
  readonly index: PatternIndex;
  /** Hits before this one, for the reason (a global pattern counts the tenant's own hits). */
  earlierHits(pattern: CompiledPattern): number;
}

export function patternMatch(pattern: CompiledPattern, earlierHits: number): PatternMatch {
  const { record } = pattern;
  return {
    patternId: record.id,
    reference: pattern.reference,
    scope: record.scope,
    name: record.name,
    description: record.description,
    earlierHits,
    confidence: record.confidence,
  };
}

/**
 * The deterministic decision: scopes in order (tenant before global), within a scope the index's
 * precedence (most predicates, then oldest); the first pattern that holds and is not vetoed wins. When
 * every pattern that holds is vetoed, the first few are returned with their vetoes.
 */
export function judgeFinding(
  scopes: readonly ScopeView[],
  query: MatchQuery,
  nowMs: number,
): { outcome: MatchOutcome; winner?: CompiledPattern } {
  const vetoesOf = (pattern: CompiledPattern) =>
    noveltyVetoes(
      {
        allowCritical: pattern.record.allowCritical,
        support: pattern.record.support,
        constrains: pattern.constrains,
      },
      query,
    );
  const vetoed: VetoedMatch[] = [];
  for (const scope of scopes) {
    const { best, rejected } = scope.index.best(
      query.findingType,
      query.fingerprint,
      nowMs,
      (p) => vetoesOf(p).length === 0,
    );
    if (best)
      return { outcome: { kind: 'MATCH', match: patternMatch(best, scope.earlierHits(best)) }, winner: best };
    for (const pattern of rejected.slice(0, VETOED_REPORTED - vetoed.length)) {
      vetoed.push({ ...patternMatch(pattern, scope.earlierHits(pattern)), vetoes: vetoesOf(pattern) });
    }
  }
  return { outcome: vetoed.length ? { kind: 'VETOED', vetoed } : { kind: 'NONE' } };
}
