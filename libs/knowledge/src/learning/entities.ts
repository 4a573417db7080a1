import { TruePositiveFinding } from '../feedback/true-positive-finding.entity.js';
import { PatternLearningPolicyRow } from './policy/pattern-learning-policy.entity.js';
import { PatternProposal } from './proposals/pattern-proposal.entity.js';

/** The learning loop's tables: policy, proposals and their backtests, true-positive feedback. */
export const LEARNING_ENTITIES = [PatternLearningPolicyRow, PatternProposal, TruePositiveFinding];
