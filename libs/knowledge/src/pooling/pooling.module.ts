import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KNOWLEDGE_ENTITIES } from '../entities.js';
import { PatternLearningModule } from '../learning/pattern-learning.module.js';
import { PatternChangeBusModule } from '../matching/pattern-change-bus.module.js';
import { POOLING_ENTITIES } from './entities.js';
import { GlobalPatternWriter } from './global-pattern-writer.js';
import { PoolLedger } from './pool-ledger.js';
import { PoolingCycle } from './pooling-cycle.service.js';
import { PoolingLock } from './pooling-lock.js';

/**
 * The pooling cycle, for the worker (its periodic job) and the API (run on demand by a platform admin).
 * Reads true positives through the learning loop's `PatternFeedback`. Needs the app's UnitOfWork, Clock,
 * AuditService, RedisService and configuration (global modules).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([...KNOWLEDGE_ENTITIES, ...POOLING_ENTITIES]),
    PatternLearningModule,
    PatternChangeBusModule,
  ],
  providers: [PoolingCycle, PoolLedger, GlobalPatternWriter, PoolingLock],
  exports: [PoolingCycle, PoolLedger, GlobalPatternWriter, PatternChangeBusModule],
})
export class PoolingModule {}
