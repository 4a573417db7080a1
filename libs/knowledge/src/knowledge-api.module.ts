import { Module } from '@nestjs/common';
import { GlobalKnownGoodPatternResolver } from './graphql/resolvers/global-known-good-pattern.resolver.js';
import { KnownGoodPatternResolver } from './graphql/resolvers/known-good-pattern.resolver.js';
import { PatternStatsResolver } from './graphql/resolvers/pattern-stats.resolver.js';
import { KnowledgeModule } from './knowledge.module.js';
import { PatternLearningModule } from './learning/pattern-learning.module.js';
import { GlobalPatternsService } from './management/global-patterns.service.js';
import { PatternStatsService } from './management/pattern-stats.service.js';

/** GraphQL operations on known-good patterns: tenant CRUD, the pool (read-only), statistics. */
@Module({
  imports: [KnowledgeModule, PatternLearningModule],
  providers: [
    GlobalPatternsService,
    PatternStatsService,
    KnownGoodPatternResolver,
    GlobalKnownGoodPatternResolver,
    PatternStatsResolver,
  ],
})
export class KnowledgeApiModule {}
