import { PooledPattern } from './pooled-pattern.entity.js';
import { PoolingState } from './pooling-state.entity.js';

export const POOLING_ENTITIES = [PooledPattern, PoolingState];
