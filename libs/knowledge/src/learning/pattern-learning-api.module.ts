import { Module } from '@nestjs/common';
import { PatternBacktestResolver } from '../backtest/graphql/pattern-backtest.resolver.js';
import { PatternLearningResolver } from './graphql/pattern-learning.resolver.js';
import { PatternLearningModule } from './pattern-learning.module.js';

/** GraphQL of the learning loop: the tenant's learning policy, approvals and rejections, backtests. */
@Module({
  imports: [PatternLearningModule],
  providers: [PatternLearningResolver, PatternBacktestResolver],
})
export class PatternLearningApiModule {}
