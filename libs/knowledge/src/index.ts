export { KNOWLEDGE_ENTITIES } from './entities.js';
export { KnowledgeModule } from './knowledge.module.js';
export { KnowledgeApiModule } from './knowledge-api.module.js';
export { KnowledgeException } from './knowledge.exception.js';
export { GlobalKnownGoodPattern } from './patterns/global-known-good-pattern.entity.js';
export { GlobalPatternHit } from './patterns/global-pattern-hit.entity.js';
export { GlobalPatternSetVersion } from './patterns/global-pattern-set-version.entity.js';
export { KnownGoodPattern } from './patterns/known-good-pattern.entity.js';
export { PatternSetVersion } from './patterns/pattern-set-version.entity.js';
export { PatternStatus } from './patterns/pattern-status.js';
export {
  type FeatureValue,
  type Fingerprint,
  type Predicate,
  allHold,
  predicateFeature,
  predicateHolds,
} from './patterns/predicate.js';
export { type FeatureKind, PATTERN_FEATURES, type PatternFeature } from './patterns/pattern-features.js';
export {
  type PatternDefinition,
  type PatternSupport,
  PatternValidationError,
  parsePatternDefinition,
  parsePatternSupport,
  parsePredicates,
  patternJsonSchema,
} from './patterns/pattern-schema.js';
export { renderPattern, renderPredicate } from './patterns/pattern-rendering.js';
export {
  type MatchOutcome,
  type MatchQuery,
  type PatternMatch,
  type PatternScopeName,
  type PatternVeto,
  type VetoedMatch,
  VetoKind,
  explainVeto,
} from './matching/match-result.js';
export { type PatternRecord } from './matching/compiled-pattern.js';
export { PatternIndex } from './matching/index/pattern-index.js';
export { LinearScan, comparePrecedence, linearMatching } from './matching/linear-matcher.js';
export { type ScopeView, judgeFinding } from './matching/pattern-judge.js';
export { type BatchMatcher } from './matching/pattern-batch.js';
export { KnownGoodMatcher } from './matching/known-good-matcher.js';
export { PatternSetCache } from './matching/pattern-set-cache.js';
export { PatternChangeBus, type PatternSetChange } from './matching/pattern-change-bus.js';
export {
  KnownGoodPatternsService,
  type PatternDraft,
  type PatternFilter,
  type PatternPatch,
} from './management/known-good-patterns.service.js';
export { mayManagePatterns } from './management/pattern-access.js';
export {
  DEFAULT_DRIFT_SETTINGS,
  type DriftSettings,
  type DriftSweep,
  PatternDriftService,
} from './management/pattern-drift.service.js';
export { LEARNING_ENTITIES } from './learning/entities.js';
export { PatternLearningModule } from './learning/pattern-learning.module.js';
export { PatternLearningApiModule } from './learning/pattern-learning-api.module.js';
export { LearningJob, type LearningTenantJobData } from './learning/learning-job.js';
export { LearningWakeups } from './learning/learning-wakeups.js';
export {
  DEFAULT_LEARNING_POLICY,
  type LearningPolicy,
  PatternActivationPolicy,
} from './learning/policy/learning-policy.js';
export { LearningPolicies, type LearningPolicyPatch } from './learning/policy/learning-policies.service.js';
export {
  type LearningDisposition,
  type LearningFinding,
  isLearningDisposition,
} from './learning/generalise/learning-finding.js';
export {
  type CaseLesson,
  type Generalisation,
  generaliseCase,
} from './learning/generalise/generalise-case.js';
export {
  type CaseLearningInput,
  LEARNING_ACTOR,
  type LearningOutcome,
  type NotLearnt,
  type ProposedPattern,
  PatternProposer,
  type WithdrawnPattern,
} from './learning/proposals/pattern-proposer.js';
export { PatternProposal } from './learning/proposals/pattern-proposal.entity.js';
export { PatternProposals, type ProposalWithPattern } from './learning/proposals/pattern-proposals.js';
export { ProposalState } from './learning/proposals/proposal-state.js';
export { type ProposalRun, ProposalBacktests } from './learning/proposals/proposal-backtests.js';
export { type PatternApproval, PatternApprovals } from './learning/proposals/pattern-approvals.js';
export { PatternProposalType } from './learning/graphql/learning.types.js';
export { proposalView } from './learning/graphql/learning-views.js';
export {
  type BacktestOptions,
  type BacktestReport,
  type BacktestSubject,
  isClean,
} from './backtest/backtest-report.js';
export { PatternBacktester } from './backtest/pattern-backtester.js';
export { assertCleanBacktest } from './backtest/backtest-refusal.js';
export { type BacktestDraft, PatternBacktestService } from './backtest/pattern-backtest.service.js';
export {
  type ContradictedPattern,
  type PatternContradiction,
  PatternFeedback,
  type TruePositiveInput,
} from './feedback/pattern-feedback.service.js';
export { TruePositiveFinding } from './feedback/true-positive-finding.entity.js';
export { POOLING_ENTITIES } from './pooling/entities.js';
export { PoolingModule } from './pooling/pooling.module.js';
export { PoolingApiModule } from './pooling/pooling-api.module.js';
export { PoolingCycle } from './pooling/pooling-cycle.service.js';
export { type PoolingCycleReport } from './pooling/pooling-cycle-report.js';
export { PooledPattern } from './pooling/pooled-pattern.entity.js';
export { PooledPatternState } from './pooling/pooled-pattern-state.js';
export { PoolingState } from './pooling/pooling-state.entity.js';
export { POOLABLE_FEATURES, POOLABLE_TAG_KEYS } from './pooling/poolable-features.js';
export { type PoolShape, projectPattern } from './pooling/pattern-projection.js';
