/** Orders a list of cases can come in. */
export enum CaseOrder {
  /** The analyst queue: next SLA deadline first (cases without one last), then priority, then age. */
  SLA_URGENCY = 'SLA_URGENCY',
  /** Most recently opened first. */
  NEWEST = 'NEWEST',
}
