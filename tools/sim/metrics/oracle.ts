import type { SimFinding } from '../scenario/finding-spec.js';
import { incidentOf } from '../scenario/labels.js';

/**
 * The cases a perfect triage would open for `findings`: one per attack incident (its precursors and attack
 * together; each hard negative is an incident of its own) and one per benign finding no pattern could know.
 * Every other benign finding is suppressed.
 */
export function oracleCases(findings: readonly SimFinding[]): number {
  const incidents = new Set<string>();
  let unknowable = 0;
  for (const f of findings) {
    const incident = incidentOf(f.label);
    if (incident) incidents.add(incident);
    else if (f.label.category === 'unknowable-benign') unknowable++;
  }
  return incidents.size + unknowable;
}
