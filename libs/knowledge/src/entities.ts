import { KnownGoodPattern } from './patterns/known-good-pattern.entity.js';

export const KNOWLEDGE_ENTITIES = [KnownGoodPattern];
