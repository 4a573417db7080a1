import type { Fingerprint } from '../../patterns/predicate.js';

/** A finding of a resolved case, as the learning loop reads it. */
export interface LearningFinding {
  id: string;
  findingType: string;
  severityLabel: string;
  /** Null for a finding attached before it was judged: it teaches nothing. */
  fingerprint: Fingerprint | null;
}

/** The benign dispositions a pattern is learnt from. */
export type LearningDisposition = 'BENIGN_EXPECTED' | 'FALSE_POSITIVE';

export const LEARNING_DISPOSITIONS: readonly LearningDisposition[] = ['BENIGN_EXPECTED', 'FALSE_POSITIVE'];

export function isLearningDisposition(value: unknown): value is LearningDisposition {
  return LEARNING_DISPOSITIONS.includes(value as LearningDisposition);
}
