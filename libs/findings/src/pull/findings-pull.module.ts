import { type DynamicModule, Module } from '@nestjs/common';
import { AwsModule } from '@sieve/aws';
import { FindingsModule } from '../findings.module.js';
import { FindingPoller } from './finding-poller.js';
import { PollScheduler } from './poll-scheduler.js';
import { PullSettings } from './pull-settings.js';

/**
 * The Security Hub pull, for the worker: the poller and the scheduler listing what to poll. Needs the
 * global ConfigModule, ClockModule, DatabaseModule, RedisModule and AuditModule, like AwsModule.
 */
@Module({})
export class FindingsPullModule {
  /** `settings` changes the overlap, first-poll lookback or page size (defaults: pull-settings.ts). */
  static register(settings: PullSettings = new PullSettings()): DynamicModule {
    return {
      module: FindingsPullModule,
      imports: [FindingsModule, AwsModule],
      providers: [FindingPoller, PollScheduler, { provide: PullSettings, useValue: settings }],
      exports: [FindingPoller, PollScheduler],
    };
  }
}
