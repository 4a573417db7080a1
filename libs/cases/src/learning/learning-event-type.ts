/**
 * Timeline entries the learning loop appends to a case (besides the case domain's own `CaseEventType`s),
 * and what their `data` holds.
 */
export enum CaseLearningEventType {
  /** `{ patternId, reference, findingType, rendering, findingCount }`: proposed from the case's resolution. */
  PATTERN_PROPOSED = 'PATTERN_PROPOSED',
  /** `{ findingType, reason, findingCount }`: a finding type of the case taught nothing, and why. */
  PATTERN_NOT_LEARNT = 'PATTERN_NOT_LEARNT',
  /** `{ patternId, reference, name, findingIds }`: an active pattern retired, contradicted by the case's true positives. */
  PATTERN_CONTRADICTED = 'PATTERN_CONTRADICTED',
  /** `{ patternId, reference }`: a proposal of the case withdrawn because the case was reopened. */
  PATTERN_WITHDRAWN = 'PATTERN_WITHDRAWN',
}
