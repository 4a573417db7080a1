import { backtestView } from '../../backtest/graphql/backtest-view.js';
import { backtestOfStored } from '../../backtest/backtest-report.js';
import { knownGoodPatternView } from '../../graphql/types/pattern-views.js';
import type { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import type { LearningPolicy } from '../policy/learning-policy.js';
import type { PatternProposal } from '../proposals/pattern-proposal.entity.js';
import type { PatternLearningPolicyType, PatternProposalType } from './learning.types.js';

export function learningPolicyView(policy: LearningPolicy): PatternLearningPolicyType {
  return { ...policy, isDefault: policy.updatedAt === null };
}

export function proposalView(proposal: PatternProposal & { pattern: KnownGoodPattern }): PatternProposalType {
  return {
    pattern: knownGoodPatternView(proposal.pattern),
    caseId: proposal.caseId,
    caseKey: proposal.caseKey,
    disposition: proposal.disposition,
    findingCount: proposal.findingCount,
    state: proposal.state,
    backtest: proposal.backtest ? backtestView(backtestOfStored(proposal.backtest)) : null,
    backtestedAt: proposal.backtestedAt,
    lastError: proposal.lastError,
    createdAt: proposal.createdAt,
  };
}
