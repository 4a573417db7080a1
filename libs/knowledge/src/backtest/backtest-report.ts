import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Predicate } from '../patterns/predicate.js';

/** What a backtest replays: a stored pattern or a draft, in the pattern language. */
export interface BacktestSubject {
  findingType: string;
  predicates: readonly Predicate[];
  allowCritical: boolean;
  support: PatternSupport | null;
}

export interface BacktestOptions {
  /** Days of findings replayed (by last sighting); the tenant's policy says how many by default. */
  days: number;
  /** Most recent findings it would have suppressed, listed as samples (at most). */
  samples?: number;
}

export interface BacktestSample {
  findingId: string;
  findingType: string;
  title: string;
  severityLabel: string;
  /** When the finding was last seen. */
  at: Date;
  /** The verdict it had: a RAISED one is noise the pattern would have taken off the queue. */
  verdict: string | null;
}

export interface BacktestTruePositive {
  findingId: string;
  caseId: string;
  findingType: string;
  title: string;
  at: Date;
  /**
   * A novelty veto would have raised it this time. It still refuses the pattern: vetoes fire on what is new
   * for the principal, and the next occurrence of the same attack would not be new any more.
   */
  vetoed: boolean;
}

export interface CountBy<K extends string> {
  key: K;
  count: number;
}

/**
 * What a pattern would have done to the tenant's recent findings. `matched` findings satisfy every
 * predicate; of those, `suppressed` carry no novelty veto (the rest, `vetoed`, would have been raised).
 * `truePositives` counts findings of cases resolved TRUE_POSITIVE (of any age) that the predicates
 * match: any makes the backtest refuse activation.
 */
export interface BacktestReport {
  findingType: string;
  days: number;
  since: Date;
  until: Date;
  /** Rows the database prefilter returned (what was evaluated in full). */
  scanned: number;
  matched: number;
  suppressed: number;
  vetoed: number;
  /** Of the suppressed ones, how many had been RAISED: analyst work the pattern saves. */
  previouslyRaised: number;
  byFindingType: CountBy<string>[];
  bySeverity: CountBy<string>[];
  samples: BacktestSample[];
  truePositives: number;
  truePositiveFindings: BacktestTruePositive[];
}

export const DEFAULT_BACKTEST_SAMPLES = 10;
export const MAX_BACKTEST_SAMPLES = 100;
/** True positives listed in a report, at most (the count is always complete). */
export const MAX_LISTED_TRUE_POSITIVES = 100;

export function isClean(report: BacktestReport): boolean {
  return report.truePositives === 0;
}

/** A report as stored with a proposal (jsonb): dates as ISO text. */
export type StoredBacktest = Omit<BacktestReport, 'since' | 'until' | 'samples' | 'truePositiveFindings'> & {
  since: string;
  until: string;
  samples: (Omit<BacktestSample, 'at'> & { at: string })[];
  truePositiveFindings: (Omit<BacktestTruePositive, 'at'> & { at: string })[];
};

export function storedBacktest(report: BacktestReport): StoredBacktest {
  return {
    ...report,
    since: report.since.toISOString(),
    until: report.until.toISOString(),
    samples: report.samples.map((s) => ({ ...s, at: s.at.toISOString() })),
    truePositiveFindings: report.truePositiveFindings.map((t) => ({ ...t, at: t.at.toISOString() })),
  };
}

export function backtestOfStored(stored: StoredBacktest): BacktestReport {
  return {
    ...stored,
    since: new Date(stored.since),
    until: new Date(stored.until),
    samples: stored.samples.map((s) => ({ ...s, at: new Date(s.at) })),
    truePositiveFindings: stored.truePositiveFindings.map((t) => ({ ...t, at: new Date(t.at) })),
  };
}
