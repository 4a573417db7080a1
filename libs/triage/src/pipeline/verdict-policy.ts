import { type MatchOutcome, explainVeto } from '@sieve/knowledge';

/** RAISED priority by severity: 1 is the most urgent. */
const PRIORITY_BY_SEVERITY: Record<string, number> = {
  CRITICAL: 1,
  HIGH: 2,
  MEDIUM: 3,
  LOW: 4,
  INFORMATIONAL: 5,
};

export interface VerdictDecision {
  verdict: 'SUPPRESSED' | 'RAISED';
  priority: number | null;
  explanation: string;
  /**
   * The same reason without what changes from one finding to the next (hit counts): the note written back to
   * Security Hub, where one BatchUpdateFindings request carries one note for up to 100 findings.
   */
  note: string;
  patternId: string | null;
  patternScope: 'TENANT' | 'GLOBAL' | null;
}

/**
 * Turns what the known-good knowledge said into the verdict and the sentence an analyst reads: suppressed by
 * the covering pattern; raised, naming the patterns that would have suppressed it and the novelty signals
 * that vetoed them; or raised because nothing covers it.
 */
export function decideVerdict(
  finding: { findingType: string; severityLabel: string },
  outcome: MatchOutcome,
): VerdictDecision {
  if (outcome.kind === 'MATCH') {
    const { match } = outcome;
    const scope = match.scope === 'TENANT' ? 'tenant' : 'global';
    const why = match.description ? ` (${match.description})` : '';
    const matches = match.earlierHits === 1 ? '1 earlier match' : `${match.earlierHits} earlier matches`;
    const note = `Suppressed by pattern ${match.reference ?? match.patternId} (${scope}): ${match.name}${why}`;
    return {
      verdict: 'SUPPRESSED',
      priority: null,
      explanation: `${note}; ${matches}`,
      note,
      patternId: match.patternId,
      patternScope: match.scope,
    };
  }
  const priority = PRIORITY_BY_SEVERITY[finding.severityLabel] ?? 3;
  if (outcome.kind === 'VETOED') {
    const explanation = `Raised: ${outcome.vetoed.map(explainVeto).join('; and ')}`;
    return {
      verdict: 'RAISED',
      priority,
      explanation,
      note: explanation,
      patternId: null,
      patternScope: null,
    };
  }
  const explanation = `Raised: no known-good pattern covers this ${finding.findingType} finding (${finding.severityLabel})`;
  return {
    verdict: 'RAISED',
    priority,
    explanation,
    note: explanation,
    patternId: null,
    patternScope: null,
  };
}
