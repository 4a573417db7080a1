import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KNOWLEDGE_ENTITIES } from './entities.js';
import { KnownGoodPatternsService } from './management/known-good-patterns.service.js';
import { PatternDriftService } from './management/pattern-drift.service.js';
import { KnownGoodMatcher } from './matching/known-good-matcher.js';
import { PatternChangeBusModule } from './matching/pattern-change-bus.module.js';
import { PatternSetCache } from './matching/pattern-set-cache.js';

/**
 * Known-good patterns: the compiled matcher (with its hot-reloaded cache), the tenant pattern service and
 * the expiry/drift pass. Needs the app's UnitOfWork, Clock, AuditService and RedisService (global modules).
 */
@Module({
  imports: [TypeOrmModule.forFeature(KNOWLEDGE_ENTITIES), PatternChangeBusModule],
  providers: [KnownGoodMatcher, PatternSetCache, KnownGoodPatternsService, PatternDriftService],
  exports: [KnownGoodMatcher, PatternSetCache, KnownGoodPatternsService, PatternDriftService],
})
export class KnowledgeModule {}
