/** PENDING: needs a verdict (new, or changed enough to look again). DEAD: gave up; replayable. */
export enum TriageStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  ERROR = 'ERROR',
  DEAD = 'DEAD',
}
