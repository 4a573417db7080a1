/** SUPPRESSED: known-good behaviour (a pattern said so). RAISED: an analyst must look. */
export enum Verdict {
  SUPPRESSED = 'SUPPRESSED',
  RAISED = 'RAISED',
}
