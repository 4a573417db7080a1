export { KNOWLEDGE_ENTITIES } from './entities.js';
export { KnowledgeModule } from './knowledge.module.js';
export { KnownGoodPattern } from './patterns/known-good-pattern.entity.js';
export {
  type BatchMatcher,
  KnownGoodMatcher,
  type MatchQuery,
  type PatternMatch,
} from './patterns/known-good-matcher.js';
export { PatternStatus } from './patterns/pattern-status.js';
export {
  type FeatureValue,
  type Fingerprint,
  type Predicate,
  allHold,
  predicateHolds,
} from './patterns/predicate.js';
