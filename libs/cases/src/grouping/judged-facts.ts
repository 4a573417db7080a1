/* What case grouping reads of a judged finding: its facts, its severity, its group keys. */
import type { JudgedFinding } from '@sieve/triage';
import { type FindingFacts } from '../model/finding-facts.js';
import { type Severity, type SeverityLabel, priorityOf, worstSeverity } from '../model/severity.js';
import { groupKeysOf, securityControlOf } from './group-keys.js';

export function severityOf(f: FindingFacts): Severity & { priority: number } {
  return {
    label: f.severityLabel,
    normalized: f.severityNormalized,
    priority: f.priority ?? priorityOf(f.severityLabel),
  };
}

export function factsOfJudged(j: JudgedFinding): FindingFacts {
  const f = j.finding;
  return {
    id: f.id,
    findingType: f.findingType,
    title: f.title,
    severityLabel: f.severityLabel as SeverityLabel,
    severityNormalized: f.severityNormalized,
    priority: j.decision.priority,
    awsAccountId: f.awsAccountId,
    region: f.region,
    resources: f.resources,
    observables: f.observables,
    indicators: f.raw?.ThreatIntelIndicators,
  };
}

export function keysOfJudged(j: JudgedFinding): string[] {
  const controlId = securityControlOf(j.finding);
  return groupKeysOf(
    j.finding.resources,
    j.fingerprint,
    controlId ? { awsAccountId: j.finding.awsAccountId, controlId } : undefined,
  );
}

export function worstSeverityFinding(findings: readonly FindingFacts[]): FindingFacts {
  const worst = worstSeverity(
    findings.map((f) => ({ label: f.severityLabel, normalized: f.severityNormalized, f })),
  );
  return worst.f;
}

export /** A readable summary of what a case groups on, for its generated description. */
function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'no shared resource or principal';
  const [first] = keys;
  const [kind, ...rest] = first.split(':');
  const more = keys.length > 1 ? ` and ${keys.length - 1} more` : '';
  return `${kind} ${rest.join(':')}${more}`;
}
