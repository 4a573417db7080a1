/** The two clocks of a case: time to acknowledge and time to resolve. */
export enum SlaClockKind {
  ACK = 'ACK',
  RESOLVE = 'RESOLVE',
}
