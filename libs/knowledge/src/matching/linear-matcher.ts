import { type Fingerprint, allHold } from '../patterns/predicate.js';
import { type CompiledPattern, type PatternRecord, compilePattern } from './compiled-pattern.js';

/** Most predicates first, then the oldest: the precedence `PatternIndex` implements, on plain records. */
export function comparePrecedence(a: PatternRecord, b: PatternRecord): number {
  return (
    b.predicates.length - a.predicates.length || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Matching without an index or compilation: every pattern checked in turn with `predicateHolds`, the
 * plain statement of the language's meaning. The reference the compiled index is tested against.
 */
export function linearMatching(
  records: readonly PatternRecord[],
  findingType: string,
  fingerprint: Fingerprint,
  nowMs: number,
): PatternRecord[] {
  const found: PatternRecord[] = [];
  for (const record of records) {
    if (
      record.findingType === findingType &&
      (record.expiresAt === null || record.expiresAt.getTime() > nowMs) &&
      allHold(record.predicates, fingerprint)
    ) {
      found.push(record);
    }
  }
  return found.sort(comparePrecedence);
}

/**
 * The strongest matcher without an index, the baseline of `npm run bench:matcher`: every pattern compiled
 * once (as the index does), then every one checked for every finding, keeping the first in precedence.
 */
export class LinearScan {
  private readonly patterns: CompiledPattern[] = [];

  constructor(records: readonly PatternRecord[]) {
    for (const record of records) {
      const pattern = compilePattern(record);
      if (typeof pattern !== 'string') this.patterns.push(pattern);
    }
  }

  best(findingType: string, fingerprint: Fingerprint, nowMs: number): PatternRecord | undefined {
    let best: CompiledPattern | undefined;
    for (const p of this.patterns) {
      if (p.record.findingType !== findingType || p.expiresAtMs <= nowMs || !p.holds(fingerprint)) continue;
      if (!best || comparePrecedence(p.record, best.record) < 0) best = p;
    }
    return best?.record;
  }
}
