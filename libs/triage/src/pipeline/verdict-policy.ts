import type { PatternMatch } from '@sieve/knowledge';

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
  patternId: string | null;
  patternScope: 'TENANT' | 'GLOBAL' | null;
}

/** Turns a pattern match (or none) into the verdict and the sentence an analyst reads. */
export function decideVerdict(
  finding: { findingType: string; severityLabel: string },
  match: PatternMatch | null,
): VerdictDecision {
  if (match) {
    const scope = match.scope === 'TENANT' ? 'tenant' : 'global';
    const why = match.description ? `: ${match.description}` : '';
    const matches = match.earlierHits === 1 ? '1 earlier match' : `${match.earlierHits} earlier matches`;
    return {
      verdict: 'SUPPRESSED',
      priority: null,
      explanation: `Suppressed by pattern "${match.name}" (${scope}, ${match.patternId})${why}; ${matches}`,
      patternId: match.patternId,
      patternScope: match.scope,
    };
  }
  return {
    verdict: 'RAISED',
    priority: PRIORITY_BY_SEVERITY[finding.severityLabel] ?? 3,
    explanation: `Raised: no known-good pattern covers this ${finding.findingType} finding (${finding.severityLabel})`,
    patternId: null,
    patternScope: null,
  };
}
