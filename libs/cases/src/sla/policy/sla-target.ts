/** Time to acknowledge and time to resolve, in minutes of the tenant's SLA calendar. */
export interface SlaTarget {
  ackMinutes: number;
  resolveMinutes: number;
}

/** One year: a longer target is a typo, not a contract. */
export const MAX_TARGET_MINUTES = 525_600;

/** Why this target is unusable, or null when it is fine. */
export function slaTargetProblem(target: SlaTarget): string | null {
  const { ackMinutes, resolveMinutes } = target;
  if (!Number.isInteger(ackMinutes) || ackMinutes < 1 || ackMinutes > MAX_TARGET_MINUTES) {
    return `ackMinutes must be a whole number from 1 to ${MAX_TARGET_MINUTES}`;
  }
  if (!Number.isInteger(resolveMinutes) || resolveMinutes < 1 || resolveMinutes > MAX_TARGET_MINUTES) {
    return `resolveMinutes must be a whole number from 1 to ${MAX_TARGET_MINUTES}`;
  }
  if (resolveMinutes < ackMinutes) return 'resolveMinutes must not be shorter than ackMinutes';
  return null;
}
