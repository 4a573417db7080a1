import type { SeverityLabel } from './asff.types.js';

/** The label Security Hub derives from a normalized score (0, 1–39, 40–69, 70–89, 90–100). */
export function labelForNormalized(normalized: number): SeverityLabel {
  if (normalized === 0) return 'INFORMATIONAL';
  if (normalized < 40) return 'LOW';
  if (normalized < 70) return 'MEDIUM';
  if (normalized < 90) return 'HIGH';
  return 'CRITICAL';
}

/** The normalized score Security Hub records when only a label is given. */
export function normalizedForLabel(label: SeverityLabel): number {
  return { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 }[label];
}

/** Completes a severity so that Label and Normalized are both present and agree. */
export function completeSeverity<T extends { Label?: SeverityLabel; Normalized?: number }>(severity: T): T {
  if (severity.Label !== undefined) {
    return { ...severity, Normalized: severity.Normalized ?? normalizedForLabel(severity.Label) };
  }
  if (severity.Normalized !== undefined)
    return { ...severity, Label: labelForNormalized(severity.Normalized) };
  return severity;
}
