import { type Scenario, phaseOf } from '../scenario/generator.js';
import type { SimFinding } from '../scenario/finding-spec.js';
import { groupOf, incidentOf, isBenign, isHostile } from '../scenario/labels.js';
import type { Observation, ObservedFinding } from './observation.js';
import { oracleCases } from './oracle.js';

export interface GroupRow {
  /** `benign/internet-scanner`, `precursor/crypto-mining`… */
  group: string;
  findings: number;
  suppressed: number;
  raised: number;
  /** No verdict read back (still pending, failed, or never stored). */
  noVerdict: number;
  /** Suppressed by a global (pooled) pattern. */
  suppressedGlobal: number;
  /** Why the raised ones were raised, read from the verdict's explanation (see `raisedBecause`). */
  raisedCorrelated: number;
  raisedVetoed: number;
  raisedUncovered: number;
  /** The explanation of one raised finding of the kind that was neither correlated nor uncovered (a veto). */
  vetoExample: string | null;
}

/**
 * Why a RAISED finding was raised, from the explanation triage and retro-correlation write: re-labelled
 * because a later raised finding on its resource or principal made it part of a case; a pattern covered it but
 * a novelty signal vetoed the match; or no pattern covered it.
 */
export function raisedBecause(explanation: string | null): 'correlated' | 'vetoed' | 'uncovered' {
  if (explanation?.startsWith('Raised (correlated)')) return 'correlated';
  if (explanation === null || /^Raised: no known-good pattern/.test(explanation)) return 'uncovered';
  return 'vetoed';
}

export interface MissedFinding {
  id: string;
  tenant: string;
  group: string;
  verdict: ObservedFinding['verdict'];
}

export interface Metrics {
  /** Distinct findings first seen in the measurement phase. */
  findings: number;
  /** Versions pushed for them (repeats included). */
  versions: number;
  casesRaised: number;
  /** findings ÷ cases raised; Infinity when no case was raised. */
  noiseRatio: number;
  oracleCases: number;
  oracleRatio: number;
  ratioVsOracle: number;
  benign: number;
  benignSuppressed: number;
  benignSuppressedPct: number;
  /** Benign findings first suppressed, then re-labelled RAISED by retro-correlation with a later raise. */
  benignCorrelated: number;
  hostile: number;
  surfaced: number;
  missed: MissedFinding[];
  coldstart: { findings: number; suppressedGlobal: number; pct: number };
  rows: GroupRow[];
}

const NONE: ObservedFinding = { verdict: null, patternScope: null, explanation: null };
const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/**
 * The figures of the measurement phase. A hostile finding (attack, hard negative, precursor) is surfaced when
 * it sits in a case, RAISED itself or beside a RAISED finding of its own incident: a suppressed precursor
 * that no case took in is missed.
 */
export function computeMetrics(scenario: Scenario, observation: Observation): Metrics {
  const { config } = scenario;
  const measured = scenario.findings.filter((f) => phaseOf(config, f.day) === 'measurement');
  const seen = (f: SimFinding) => observation.findings.get(f.id) ?? NONE;

  const casesOf = new Map<string, string[]>();
  for (const c of observation.cases) {
    for (const id of c.findingIds) casesOf.set(id, [...(casesOf.get(id) ?? []), c.id]);
  }
  const members = new Map(observation.cases.map((c) => [c.id, c.findingIds]));
  const byId = new Map(scenario.findings.map((f) => [f.id, f]));
  const surfaced = (f: SimFinding) =>
    (casesOf.get(f.id) ?? []).some(
      (caseId) =>
        seen(f).verdict === 'RAISED' ||
        (members.get(caseId) ?? []).some((other) => {
          const o = byId.get(other);
          return (
            o !== undefined &&
            o !== f &&
            incidentOf(o.label) === incidentOf(f.label) &&
            observation.findings.get(other)?.verdict === 'RAISED'
          );
        }),
    );

  const rows = new Map<string, GroupRow>();
  for (const f of measured) {
    const group = groupOf(f.label);
    const row = rows.get(group) ?? {
      group,
      findings: 0,
      suppressed: 0,
      raised: 0,
      noVerdict: 0,
      suppressedGlobal: 0,
      raisedCorrelated: 0,
      raisedVetoed: 0,
      raisedUncovered: 0,
      vetoExample: null,
    };
    const { verdict, patternScope, explanation } = seen(f);
    row.findings++;
    if (verdict === 'SUPPRESSED') row.suppressed++;
    else if (verdict === 'RAISED') {
      row.raised++;
      const because = raisedBecause(explanation);
      if (because === 'correlated') row.raisedCorrelated++;
      else if (because === 'vetoed') {
        row.raisedVetoed++;
        row.vetoExample ??= explanation;
      } else row.raisedUncovered++;
    } else row.noVerdict++;
    if (verdict === 'SUPPRESSED' && patternScope === 'GLOBAL') row.suppressedGlobal++;
    rows.set(group, row);
  }

  const benign = measured.filter((f) => isBenign(f.label));
  const benignSuppressed = benign.filter((f) => seen(f).verdict === 'SUPPRESSED').length;
  const hostile = measured.filter((f) => isHostile(f.label));
  const missed = hostile
    .filter((f) => !surfaced(f))
    .map((f) => ({ id: f.id, tenant: f.tenant, group: groupOf(f.label), verdict: seen(f).verdict }));
  const coldstart = measured.filter(
    (f) => f.tenant === 'late' && f.day === config.learningDays && isBenign(f.label),
  );
  const coldstartGlobal = coldstart.filter(
    (f) => seen(f).verdict === 'SUPPRESSED' && seen(f).patternScope === 'GLOBAL',
  ).length;

  const casesRaised = observation.cases.filter((c) => c.inMeasurement && !c.openedByAnalyst).length;
  const noiseRatio = casesRaised === 0 ? Infinity : measured.length / casesRaised;
  const oracle = oracleCases(measured);
  const oracleRatio = oracle === 0 ? Infinity : measured.length / oracle;
  return {
    findings: measured.length,
    versions: measured.reduce((sum, f) => sum + f.versions.length, 0),
    casesRaised,
    noiseRatio,
    oracleCases: oracle,
    oracleRatio,
    ratioVsOracle: noiseRatio / oracleRatio,
    benign: benign.length,
    benignSuppressed,
    benignSuppressedPct: pct(benignSuppressed, benign.length),
    benignCorrelated: benign.filter(
      (f) => seen(f).verdict === 'RAISED' && raisedBecause(seen(f).explanation) === 'correlated',
    ).length,
    hostile: hostile.length,
    surfaced: hostile.length - missed.length,
    missed,
    coldstart: {
      findings: coldstart.length,
      suppressedGlobal: coldstartGlobal,
      pct: pct(coldstartGlobal, coldstart.length),
    },
    rows: [...rows.values()].sort((a, b) => a.group.localeCompare(b.group)),
  };
}
