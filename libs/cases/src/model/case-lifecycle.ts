import { ErrorCode, SieveException } from '@sieve/core';
import { CaseStatus } from './case-status.js';

const {
  NEW,
  ACKNOWLEDGED,
  INVESTIGATING,
  CONTAINMENT,
  PENDING_CUSTOMER: PENDING,
  RESOLVED,
  CLOSED,
} = CaseStatus;

/**
 * Every allowed status change. Work may skip steps forward (an obvious case goes from NEW straight to
 * INVESTIGATING) and move between the working statuses, but never back to NEW; a case is closed only once
 * resolved; RESOLVED and CLOSED reopen to INVESTIGATING.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [NEW]: [ACKNOWLEDGED, INVESTIGATING, CONTAINMENT, PENDING, RESOLVED],
  [ACKNOWLEDGED]: [INVESTIGATING, CONTAINMENT, PENDING, RESOLVED],
  [INVESTIGATING]: [CONTAINMENT, PENDING, RESOLVED],
  [CONTAINMENT]: [INVESTIGATING, PENDING, RESOLVED],
  [PENDING]: [INVESTIGATING, CONTAINMENT, RESOLVED],
  [RESOLVED]: [CLOSED, INVESTIGATING],
  [CLOSED]: [INVESTIGATING],
};

/** Statuses that mean someone has looked at the case (PENDING_CUSTOMER pauses the clocks instead). */
const ACKNOWLEDGING: ReadonlySet<CaseStatus> = new Set([
  ACKNOWLEDGED,
  INVESTIGATING,
  CONTAINMENT,
  RESOLVED,
  CLOSED,
]);

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_CASE_TRANSITION, naming both statuses and what is allowed instead. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (canTransition(from, to)) return;
  const allowed = CASE_TRANSITIONS[from];
  throw new SieveException(
    ErrorCode.InvalidCaseTransition,
    `A case cannot go from ${from} to ${to}` +
      (allowed.length ? ` (from ${from}: ${allowed.join(', ')})` : ''),
    { from, to },
  );
}

/** Leaving RESOLVED or CLOSED for a working status. */
export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return (from === RESOLVED || from === CLOSED) && to === INVESTIGATING;
}

/** Whether reaching `to` acknowledges the case (the first time it does). */
export function acknowledges(to: CaseStatus): boolean {
  return ACKNOWLEDGING.has(to);
}
