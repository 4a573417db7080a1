import { Module } from '@nestjs/common';
import { PatternLearningModule } from '@sieve/knowledge';
import { CasesModule } from '../cases.module.js';
import { CaseLearningListener } from './case-learning.listener.js';
import { CaseProposedPatternsResolver } from './case-proposed-patterns.resolver.js';

/**
 * The closed learning loop on the case side, for the API (where cases are resolved and reopened): the
 * listener that turns resolutions into proposals and true-positive feedback, and `Case.proposedPatterns`.
 */
@Module({
  imports: [CasesModule, PatternLearningModule],
  providers: [CaseLearningListener, CaseProposedPatternsResolver],
})
export class CaseLearningModule {}
