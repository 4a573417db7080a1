import type { TimelineEntryInput } from '../events/case-timeline.js';
import { CaseEventType } from '../model/case-event-type.js';
import type { Case } from '../model/case.entity.js';
import { type Severity, compareSeverity, priorityOf, worstSeverity } from '../model/severity.js';

type Rated = Pick<Case, 'severityLabel' | 'severityNormalized' | 'priority'>;

/** A finding or a case, as far as severity goes (a finding's priority may be unknown). */
type Rating = Pick<Case, 'severityLabel' | 'severityNormalized'> & { priority: number | null };

/**
 * A case's severity and priority once findings join it: never below its worst finding's. Answers the patch
 * and the SEVERITY_CHANGED entry, or nothing when the case already rates as high.
 */
export function severityWith(
  kase: Rated,
  findings: readonly Rating[],
): { patch: Partial<Case>; entry: TimelineEntryInput } | null {
  if (findings.length === 0) return null;
  const current: Severity = { label: kase.severityLabel, normalized: kase.severityNormalized };
  const worst = worstSeverity(
    findings.map((f) => ({ label: f.severityLabel, normalized: f.severityNormalized })),
  );
  const severity = compareSeverity(worst, current) > 0 ? worst : current;
  const priority = Math.min(kase.priority, ...findings.map((f) => f.priority ?? priorityOf(f.severityLabel)));
  if (severity === current && priority === kase.priority) return null;
  return {
    patch: { severityLabel: severity.label, severityNormalized: severity.normalized, priority },
    entry: severityEntry(kase, severity.label, priority),
  };
}

export function severityEntry(kase: Rated, to: string, toPriority: number): TimelineEntryInput {
  return {
    type: CaseEventType.SEVERITY_CHANGED,
    data: { from: kase.severityLabel, to, fromPriority: kase.priority, toPriority },
  };
}
