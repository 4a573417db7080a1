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
import { TriageRequestsModule } from '@sieve/triage';

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
  ],
})
export class WorkerModule {}
