import type { Fingerprint } from '../patterns/predicate.js';

export type PatternScopeName = 'TENANT' | 'GLOBAL';

export interface MatchQuery {
  findingType: string;
  severityLabel: string;
  fingerprint: Fingerprint;
}

/** The known-good pattern that covers a finding, and what an analyst needs to trust the verdict. */
export interface PatternMatch {
  patternId: string;
  /**
   * Short handle quoted in verdicts: P-12 for the tenant's twelfth pattern, G-3 for a global one. Always
   * set by the matcher (optional so matches built elsewhere, e.g. in tests, need not invent one).
   */
  reference?: string;
  scope: PatternScopeName;
  name: string;
  description: string;
  /** Matches before this one (for a global pattern: in this tenant). */
  earlierHits: number;
  /** The pattern's confidence, 0..1 (always set by the matcher). */
  confidence?: number;
}

export enum VetoKind {
  CRITICAL_SEVERITY = 'CRITICAL_SEVERITY',
  NEW_COUNTRY = 'NEW_COUNTRY',
  NEW_ASN = 'NEW_ASN',
  NEW_USER_AGENT_FAMILY = 'NEW_USER_AGENT_FAMILY',
  HOSTING_REMOTE = 'HOSTING_REMOTE',
  TOR_REMOTE = 'TOR_REMOTE',
  UNTAGGED_RESOURCE = 'UNTAGGED_RESOURCE',
  PORT_NOT_EXPOSED = 'PORT_NOT_EXPOSED',
  API_ACTION_OUTSIDE_SUPPORT = 'API_ACTION_OUTSIDE_SUPPORT',
}

/** Why a pattern that matches must not suppress this finding. */
export interface PatternVeto {
  kind: VetoKind;
  /** The fingerprint feature carrying the signal, and its value (null for the severity rule). */
  feature: string | null;
  value: string | null;
  /** Readable: "new country DE for this principal". */
  reason: string;
}

export interface VetoedMatch extends PatternMatch {
  vetoes: PatternVeto[];
}

/**
 * What the known-good knowledge says about a finding: a pattern covers it (suppress), patterns cover it
 * but each is vetoed by a novelty signal (raise, and say which pattern would have suppressed it and why it
 * did not), or nothing covers it.
 */
export type MatchOutcome =
  { kind: 'MATCH'; match: PatternMatch } | { kind: 'VETOED'; vetoed: VetoedMatch[] } | { kind: 'NONE' };

/**
 * The sentence for a vetoed match, for the verdict: `would be suppressed by P-12 "CI deploys" (tenant) but
 * vetoed: new country DE for this principal; remote is a Tor node`.
 */
export function explainVeto(vetoed: VetoedMatch): string {
  const scope = vetoed.scope === 'TENANT' ? 'tenant' : 'global';
  return (
    `would be suppressed by ${vetoed.reference ?? vetoed.patternId} "${vetoed.name}" (${scope}) but vetoed: ` +
    vetoed.vetoes.map((v) => v.reason).join('; ')
  );
}
