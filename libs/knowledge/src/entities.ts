import { GlobalKnownGoodPattern } from './patterns/global-known-good-pattern.entity.js';
import { GlobalPatternHit } from './patterns/global-pattern-hit.entity.js';
import { GlobalPatternSetVersion } from './patterns/global-pattern-set-version.entity.js';
import { KnownGoodPattern } from './patterns/known-good-pattern.entity.js';
import { PatternSetVersion } from './patterns/pattern-set-version.entity.js';
import { LEARNING_ENTITIES } from './learning/entities.js';
import { POOLING_ENTITIES } from './pooling/entities.js';

export const KNOWLEDGE_ENTITIES = [
  KnownGoodPattern,
  GlobalKnownGoodPattern,
  GlobalPatternHit,
  PatternSetVersion,
  GlobalPatternSetVersion,
  ...LEARNING_ENTITIES,
  ...POOLING_ENTITIES,
];
