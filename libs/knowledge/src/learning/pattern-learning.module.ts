import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@sieve/core';
import { Finding } from '@sieve/findings';
import { Tenant } from '@sieve/tenancy';
import { PatternBacktestService } from '../backtest/pattern-backtest.service.js';
import { PatternBacktester } from '../backtest/pattern-backtester.js';
import { KNOWLEDGE_ENTITIES } from '../entities.js';
import { PatternFeedback } from '../feedback/pattern-feedback.service.js';
import { PatternChangeBusModule } from '../matching/pattern-change-bus.module.js';
import { AfterCommit } from './after-commit.js';
import { LEARNING_ENTITIES } from './entities.js';
import { LearningWakeups } from './learning-wakeups.js';
import { LearningPolicies } from './policy/learning-policies.service.js';
import { PatternApprovals } from './proposals/pattern-approvals.js';
import { PatternProposals } from './proposals/pattern-proposals.js';
import { PatternProposer } from './proposals/pattern-proposer.js';
import { ProposalBacktests } from './proposals/proposal-backtests.js';

const EXPORTED = [
  PatternProposer,
  PatternProposals,
  ProposalBacktests,
  PatternApprovals,
  PatternBacktester,
  PatternBacktestService,
  PatternFeedback,
  LearningPolicies,
  LearningWakeups,
];

/**
 * The closed learning loop, for every process that takes part in it: the API (a resolved case proposes
 * patterns and reports true positives, in its transaction) and the worker (backtests and activation).
 * Needs the app's UnitOfWork, Clock, AuditService, RedisService and BullMQ root (global modules).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([...KNOWLEDGE_ENTITIES, ...LEARNING_ENTITIES, Finding, Tenant]),
    BullModule.registerQueue({ name: QueueName.Learning }),
    PatternChangeBusModule,
  ],
  providers: [...EXPORTED, AfterCommit],
  exports: EXPORTED,
})
export class PatternLearningModule {}
