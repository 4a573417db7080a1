import type { Fingerprint } from '../../patterns/predicate.js';
import { type CompiledPattern, type PatternRecord, compilePattern } from '../compiled-pattern.js';
import { Bucket, type Slot } from './bucket.js';
import { type NodeVisitor, PatternNode } from './pattern-node.js';

export interface RejectedPattern {
  id: string;
  reason: string;
}

export interface BestMatch {
  /** The first pattern in precedence order that holds and is accepted. */
  best?: CompiledPattern;
  /** When there is none: every pattern that holds but was not accepted, in precedence order. */
  rejected: CompiledPattern[];
}

const byRank = (a: CompiledPattern, b: CompiledPattern) => a.rank - b.rank;

/** `comparePrecedence` on the compiled form: one subtraction for most pairs of a million-pattern sort. */
const byPrecedence = (a: CompiledPattern, b: CompiledPattern) =>
  a.precedenceKey - b.precedenceKey || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);

/**
 * The compiled, indexed patterns of one scope (a tenant's, or the global set): a node per finding type,
 * filed by each pattern's most selective predicate (see PatternNode). A lookup touches only the buckets
 * the fingerprint's own values lead to and checks the patterns found there in full, so its cost follows
 * the number of candidates, not the number of patterns. Immutable once built; a change rebuilds it.
 */
export class PatternIndex {
  private readonly types = new Map<string, PatternNode>();
  // State of the lookup in progress (lookups are synchronous and not re-entrant).
  private stamp = 0;
  private fingerprint: Fingerprint = {};
  private nowMs = 0;
  /** Patterns ranked at or after the bound cannot win any more: skipped, and bucket scans stop there. */
  private bound = Infinity;
  private accept: ((p: CompiledPattern) => boolean) | null = null;
  private found: CompiledPattern[] = [];
  private winner: CompiledPattern | undefined;

  private readonly consider = (p: CompiledPattern): void => {
    if (p.stamp === this.stamp || p.rank >= this.bound) return;
    p.stamp = this.stamp;
    if (p.expiresAtMs <= this.nowMs || !p.holds(this.fingerprint)) return;
    if (this.accept === null || !this.accept(p)) {
      this.found.push(p);
    } else {
      this.winner = p;
      this.bound = p.rank;
    }
  };

  private readonly visitor: NodeVisitor = {
    slot: (slot: Slot) => {
      if (!(slot instanceof Bucket)) {
        this.consider(slot);
      } else if (slot.node) {
        slot.node.candidates(this.fingerprint, this.visitor);
      } else {
        // Buckets list their patterns in precedence order: past the bound, nothing else can win.
        for (const p of slot.patterns) {
          if (p.rank >= this.bound) return;
          this.consider(p);
        }
      }
    },
    pattern: this.consider,
    bound: () => this.bound,
  };

  private constructor(
    /** Patterns it holds. */
    readonly size: number,
    readonly rejected: readonly RejectedPattern[],
  ) {}

  static build(records: readonly PatternRecord[]): PatternIndex {
    const compiled: CompiledPattern[] = [];
    const rejected: RejectedPattern[] = [];
    for (const record of records) {
      const pattern = compilePattern(record);
      if (typeof pattern === 'string') rejected.push({ id: record.id, reason: pattern });
      else compiled.push(pattern);
    }
    compiled.sort(byPrecedence);
    const index = new PatternIndex(compiled.length, rejected);
    const byType = new Map<string, CompiledPattern[]>();
    compiled.forEach((pattern, rank) => {
      pattern.rank = rank;
      const list = byType.get(pattern.record.findingType);
      if (list) list.push(pattern);
      else byType.set(pattern.record.findingType, [pattern]);
    });
    for (const [findingType, patterns] of byType)
      index.types.set(findingType, PatternNode.build(patterns, null));
    return index;
  }

  /** Every unexpired pattern of the type that the fingerprint satisfies, in precedence order. */
  matching(findingType: string, fingerprint: Fingerprint, nowMs: number): CompiledPattern[] {
    this.lookup(findingType, fingerprint, nowMs, null);
    const found = this.found;
    this.found = [];
    return found.sort(byRank);
  }

  /**
   * The first unexpired pattern in precedence order that the fingerprint satisfies and `accept` takes
   * (e.g. not vetoed). Stops looking at patterns that rank after the best one found so far.
   */
  best(
    findingType: string,
    fingerprint: Fingerprint,
    nowMs: number,
    accept: (p: CompiledPattern) => boolean,
  ): BestMatch {
    this.lookup(findingType, fingerprint, nowMs, accept);
    const result: BestMatch = this.winner
      ? { best: this.winner, rejected: [] }
      : { rejected: this.found.sort(byRank) };
    this.found = [];
    this.winner = undefined;
    return result;
  }

  private lookup(
    findingType: string,
    fingerprint: Fingerprint,
    nowMs: number,
    accept: ((p: CompiledPattern) => boolean) | null,
  ): void {
    const node = this.types.get(findingType);
    this.found = [];
    this.winner = undefined;
    if (!node) return;
    this.stamp++;
    this.fingerprint = fingerprint;
    this.nowMs = nowMs;
    this.bound = Infinity;
    this.accept = accept;
    try {
      node.candidates(fingerprint, this.visitor);
    } finally {
      this.fingerprint = {};
      this.accept = null;
    }
  }
}
