import type { SeverityLabel } from './normalized-finding.js';

/**
 * ASFF Normalized (0–100) → Label, as Security Hub fills Label when only Normalized is given:
 * 0 INFORMATIONAL, 1–39 LOW, 40–69 MEDIUM, 70–89 HIGH, 90–100 CRITICAL (Security Hub API reference, Severity).
 */
export function labelFromNormalized(normalized: number): SeverityLabel {
  if (normalized <= 0) return 'INFORMATIONAL';
  if (normalized < 40) return 'LOW';
  if (normalized < 70) return 'MEDIUM';
  if (normalized < 90) return 'HIGH';
  return 'CRITICAL';
}

/** ASFF Label → Normalized, as Security Hub fills Normalized when only Label is given. */
export function normalizedFromLabel(label: SeverityLabel): number {
  return { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 }[label];
}

/**
 * GuardDuty severity (1.0–10.0) → level, per "Severity levels of GuardDuty findings" in the GuardDuty User Guide:
 * 1.0–3.9 LOW, 4.0–6.9 MEDIUM, 7.0–8.9 HIGH, 9.0–10.0 CRITICAL (attack sequences).
 */
export function guardDutySeverityLabel(severity: number): SeverityLabel {
  if (severity < 4) return 'LOW';
  if (severity < 7) return 'MEDIUM';
  if (severity < 9) return 'HIGH';
  return 'CRITICAL';
}

/**
 * GuardDuty severity → 0–100. Ten times the value, rounded down, lands every GuardDuty level in the matching
 * ASFF band (3.95 → 39 LOW, 4.0 → 40 MEDIUM, 9.0 → 90 CRITICAL); the epsilon absorbs binary fractions such as
 * 8.9 × 10 = 88.99999… Security Hub's own Normalized for GuardDuty findings is
 * not always consistent with its Label (LOW with Normalized 40 is seen), so compare the label across paths.
 */
export function guardDutyNormalized(severity: number): number {
  return Math.min(100, Math.floor(severity * 10 + 1e-9));
}
