/** ASFF severity labels, least severe first. */
export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

export interface Severity {
  label: SeverityLabel;
  /** 0 to 100, the ASFF `Normalized` scale. */
  normalized: number;
}

/** Priority 1 (most urgent) to 5, from a severity label: the scale triage uses for RAISED findings. */
const PRIORITY_BY_LABEL: Record<SeverityLabel, number> = {
  CRITICAL: 1,
  HIGH: 2,
  MEDIUM: 3,
  LOW: 4,
  INFORMATIONAL: 5,
};

/** The lower bound of each label's band on the ASFF scale, for a severity set by hand. */
const NORMALIZED_BY_LABEL: Record<SeverityLabel, number> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 40,
  HIGH: 70,
  CRITICAL: 90,
};

export function isSeverityLabel(value: string): value is SeverityLabel {
  return (SEVERITY_LABELS as readonly string[]).includes(value);
}

export function priorityOf(label: SeverityLabel): number {
  return PRIORITY_BY_LABEL[label];
}

export function normalizedOf(label: SeverityLabel): number {
  return NORMALIZED_BY_LABEL[label];
}

/**
 * Orders severities, most severe last. The label decides first: providers sometimes disagree between
 * Label and Normalized (GuardDuty in Security Hub), and the label is the one analysts read.
 */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_LABELS.indexOf(a.label) - SEVERITY_LABELS.indexOf(b.label) || a.normalized - b.normalized;
}

export function worstSeverity<T extends Severity>(items: readonly T[]): T {
  return items.reduce((worst, item) => (compareSeverity(item, worst) > 0 ? item : worst));
}
