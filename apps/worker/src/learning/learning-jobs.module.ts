import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { PatternLearningModule } from '@sieve/knowledge';
import { JobsModule } from '../jobs/jobs.module.js';
import { LearningJobs } from './learning.job.js';
import { LearningProcessor } from './learning.processor.js';

/** The `learning` queue: backtests (and auto-activation) of learnt patterns, and their sweeper. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Learning }), JobsModule, PatternLearningModule],
  providers: [LearningProcessor, LearningJobs],
})
export class LearningJobsModule {}
