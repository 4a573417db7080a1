/** Where a case is in its lifecycle (see `case-lifecycle.ts` for the transitions). */
export enum CaseStatus {
  NEW = 'NEW',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  INVESTIGATING = 'INVESTIGATING',
  CONTAINMENT = 'CONTAINMENT',
  /** Waiting on the customer; SLA clocks are paused. */
  PENDING_CUSTOMER = 'PENDING_CUSTOMER',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

/** The analyst's conclusion, given on resolve. */
export enum CaseDisposition {
  TRUE_POSITIVE = 'TRUE_POSITIVE',
  BENIGN_EXPECTED = 'BENIGN_EXPECTED',
  FALSE_POSITIVE = 'FALSE_POSITIVE',
  DUPLICATE = 'DUPLICATE',
}

/** A case's SLA standing, as the SLA engine stores it in `cases.sla_state`. */
export enum CaseSlaState {
  ON_TRACK = 'ON_TRACK',
  WARNING = 'WARNING',
  BREACHED = 'BREACHED',
  PAUSED = 'PAUSED',
  MET = 'MET',
}

/** Statuses in which a case is done with: not in the queue, not a grouping target. */
export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([CaseStatus.RESOLVED, CaseStatus.CLOSED]);

export const OPEN_STATUSES: readonly CaseStatus[] = Object.values(CaseStatus).filter(
  (s) => !TERMINAL_STATUSES.has(s),
);

export function isOpen(status: CaseStatus): boolean {
  return !TERMINAL_STATUSES.has(status);
}

/** SQL for "the case of alias `c` is open", matching the partial indexes of the migration. */
export function openCaseSql(alias: string): string {
  return `${alias}.status NOT IN ('RESOLVED', 'CLOSED')`;
}
