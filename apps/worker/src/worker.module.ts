import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
  AppConfigService,
  AuditModule,
  bullRootOptions,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  LoggerModule,
  RedisModule,
} from '@sieve/core';
import { IngestJobsModule } from './ingest/ingest-jobs.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { TriageJobsModule } from './triage/triage-jobs.module.js';
import { SystemJobsModule } from './system/system-jobs.module.js';
import { NotifyJobsModule } from './notify/notify-jobs.module.js';
import { CaseNotificationsModule } from '@sieve/cases';
import { SlaJobsModule } from './sla/sla-jobs.module.js';
import { LearningJobsModule } from './learning/learning-jobs.module.js';
import { PoolingJobsModule } from './pooling/pooling-jobs.module.js';
import { CaseGroupingModule } from '@sieve/cases';
import { TriageModule, TriageRequestsModule, VerdictHooks } from '@sieve/triage';

/** The worker process: BullMQ processors over the same database and Redis as the API. */
@Module({
  imports: [
    ConfigModule.forRoot(),
    LoggerModule.forRoot('worker'),
    DatabaseModule.forRoot({ applicationName: 'sieve-worker' }),
    RedisModule,
    ClockModule,
    AuditModule,
    BullModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => bullRootOptions(config.values),
    }),
    JobsModule,
    SystemJobsModule,
    IngestJobsModule,
    TriageJobsModule,
    TriageRequestsModule,
    // Raised findings become cases in the verdicts' transaction.
    CaseGroupingModule.forTriage({ module: TriageModule, hooks: VerdictHooks }),
    NotifyJobsModule,
    CaseNotificationsModule,
    SlaJobsModule,
    // Backtests and activation of patterns learnt from resolved cases.
    LearningJobsModule,
    // Anonymised cross-tenant pooling of known-good patterns.
    PoolingJobsModule,
  ],
})
export class WorkerModule {}
