import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { Clock, ClockModule, ConfigModule, type ManualClock, RedisModule, RedisService } from '@sieve/core';
import type { RunningAwsEmulator } from '../../../../apps/aws-emulator/src/index.js';
import { AccountHealthReporter } from '../account-health.js';
import { AwsClientsModule } from '../aws-clients.module.js';
import type { AwsRegionTarget, AwsRoleTarget } from '../aws-target.js';
import { AwsPlatformCredentials } from '../platform-credentials.js';
import { AwsRateLimits } from '../rate-limit/aws-rate-limits.js';

/** The emulator's demo seed, as a tenant of Sieve would have registered it. */
export const DEMO_TARGET: AwsRegionTarget = {
  tenantId: '5b0f3c2a-8d4e-4f1a-9c7b-2e6d8a1f4c3b',
  accountId: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/SieveReadOnly',
  externalId: 'sieve-demo-3f9c2a7e5b1d4c8f9e0a6b2d4f8c1e3a',
  region: 'us-east-1',
};

/** Records what the broker reports, in place of the accounts service. */
export class RecordingHealthReporter extends AccountHealthReporter {
  readonly degraded: { target: AwsRoleTarget; reason: string }[] = [];

  async markDegraded(target: AwsRoleTarget, reason: string): Promise<void> {
    this.degraded.push({ target, reason });
  }
}

export interface AwsClientsTestContext {
  module: TestingModule;
  health: RecordingHealthReporter;
}

export interface AwsClientsTestOptions {
  clock?: ManualClock;
  limits?: AwsRateLimits;
  platformCredentials?: AwsPlatformCredentials;
  /** Modules given the same prefix behave as processes of one deployment (shared rate buckets). */
  redisPrefix?: string;
}

/**
 * AwsClientsModule against a running emulator and the test run's Redis, by default under a Redis
 * prefix of its own (rate buckets start full). Close `module` at the end of the test.
 */
export async function createAwsClientsTestModule(
  emulator: RunningAwsEmulator,
  options: AwsClientsTestOptions = {},
): Promise<AwsClientsTestContext> {
  const health = new RecordingHealthReporter();
  let builder = Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({
        AWS_ENDPOINT_URL: emulator.url,
        REDIS_PREFIX: options.redisPrefix ?? uniqueRedisPrefix(),
      }),
      ClockModule,
      RedisModule,
      AwsClientsModule.register({ accountHealth: { provide: AccountHealthReporter, useValue: health } }),
    ],
  })
    .overrideProvider(AwsPlatformCredentials)
    .useValue(options.platformCredentials ?? new AwsPlatformCredentials(emulator.userCredentials()));
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  if (options.limits) builder = builder.overrideProvider(AwsRateLimits).useValue(options.limits);
  const module = await builder.compile();
  await module.init();
  // Closing a Redis connection still in its ready check leaves ioredis's disconnect timer behind,
  // which keeps Jest from exiting; a round trip makes sure the connection is ready.
  await module.get(RedisService).client.ping();
  return { module, health };
}

/** A prefix inside the test run's own, so nothing is shared with other modules or runs. */
export function uniqueRedisPrefix(): string {
  return `${process.env.REDIS_PREFIX ?? 'sieve-test'}:aws:${randomUUID()}`;
}
