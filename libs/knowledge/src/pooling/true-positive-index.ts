import { type Fingerprint, type Predicate, allHold } from '../patterns/predicate.js';

/** A finding of a case resolved TRUE_POSITIVE, as the pool reads it (from `PatternFeedback`). */
export interface TruePositiveView {
  tenantId: string;
  findingId: string;
  findingType: string;
  fingerprint: Fingerprint;
  verdictPatternId: string | null;
  verdictPatternScope: 'TENANT' | 'GLOBAL' | null;
}

/**
 * The true positives of every tenant, by finding type and by the global pattern whose verdict they carried,
 * to find what contradicts a pooled shape or a global pattern.
 *
 * A pooled shape is a weakening of each contributing tenant pattern (predicates dropped, never narrowed:
 * `projectPredicate`), so a true positive that a tenant pattern matched is matched by that pattern's pooled
 * shapes too: testing the shapes' predicates on the true positives' fingerprints covers "a tenant pattern
 * whose projection is pooled" as well as "a global pattern directly". A match counts whatever the novelty
 * vetoes said about it: a shape whose predicates hold on an attack is tied to a true positive, and the pool
 * takes a feature value only when it was never seen in one (DESIGN.md, tenancy and security).
 */
export class TruePositiveIndex {
  private readonly byType = new Map<string, TruePositiveView[]>();
  private readonly byGlobalPattern = new Map<string, TruePositiveView>();

  constructor(truePositives: readonly TruePositiveView[]) {
    for (const tp of truePositives) {
      const list = this.byType.get(tp.findingType);
      if (list) list.push(tp);
      else this.byType.set(tp.findingType, [tp]);
      if (
        tp.verdictPatternScope === 'GLOBAL' &&
        tp.verdictPatternId &&
        !this.byGlobalPattern.has(tp.verdictPatternId)
      ) {
        this.byGlobalPattern.set(tp.verdictPatternId, tp);
      }
    }
  }

  /** A true positive the pattern suppressed (`globalPatternId`) or whose fingerprint it matches. */
  contradicting(pattern: {
    globalPatternId?: string | null;
    findingType: string;
    predicates: readonly Predicate[];
  }): TruePositiveView | undefined {
    const suppressed = pattern.globalPatternId
      ? this.byGlobalPattern.get(pattern.globalPatternId)
      : undefined;
    return (
      suppressed ??
      this.byType.get(pattern.findingType)?.find((tp) => allHold(pattern.predicates, tp.fingerprint))
    );
  }
}
