import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, buildDataSourceOptions, loadConfig, QueueName, RedisService } from '@sieve/core';
import { ApiKeyUsageService } from '@sieve/tenancy';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SystemJob } from './queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from './queues/job-options.js';
import { API_KEY_USAGE_FLUSH_SCHEDULER_ID } from './system/api-key-usage-flush.job.js';
import { WorkerModule } from './worker.module.js';

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe('WorkerModule (PostgreSQL + Redis + BullMQ)', () => {
  let moduleRef: TestingModule;
  let owner: DataSource;
  let queue: Queue;

  beforeAll(async () => {
    // Queues and usage keys of their own, so workers booted by other test files never take these jobs.
    const values = {
      ...loadConfig(),
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:worker-${randomBytes(3).toString('hex')}`,
    };
    moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values } satisfies AppConfigService)
      .compile();
    await moduleRef.init();
    queue = moduleRef.get<Queue>(getQueueToken(QueueName.System));
    owner = await new DataSource(
      buildDataSourceOptions({
        url: process.env.DATABASE_URL!,
        entities: [],
        poolSize: 2,
        applicationName: 'test-owner',
      }),
    ).initialize();
  });

  afterAll(async () => {
    await owner?.destroy();
    // Drains the workers, then closes queues, Redis and PostgreSQL: Jest reports any handle left open.
    await moduleRef?.close();
  });

  it('schedules the API key usage flush once, under a fixed id', async () => {
    const scheduler = await queue.getJobScheduler(API_KEY_USAGE_FLUSH_SCHEDULER_ID);
    const { API_KEY_USAGE_FLUSH_SECONDS } = moduleRef.get(AppConfigService).values;
    expect(scheduler).toMatchObject({
      name: SystemJob.FlushApiKeyUsage,
      every: API_KEY_USAGE_FLUSH_SECONDS * 1000,
    });
  });

  it('flushes recorded API key usage to PostgreSQL through the system queue', async () => {
    const tenantId = randomUUID();
    const keyId = randomUUID();
    await owner.transaction(async (m) => {
      await m.query(`SELECT set_config('app.platform', 'on', true), set_config('app.tenant_id', $1, true)`, [
        tenantId,
      ]);
      await m.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'Worker', 'UTC', 'STANDARD')`,
        [tenantId, `worker-${randomBytes(6).toString('hex')}`],
      );
      await m.query(
        `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_by)
         VALUES ($1, $2, 'integration', $3, '\\x00'::bytea, ARRAY['read'], 'test')`,
        [keyId, tenantId, `sk_${randomBytes(8).toString('hex')}`],
      );
    });
    const at = new Date('2026-04-01T12:00:00.500Z');

    await moduleRef.get(ApiKeyUsageService).record(tenantId, keyId, at);
    await queue.add(SystemJob.FlushApiKeyUsage, {}, PERIODIC_JOB_OPTIONS);

    const lastUsedAt = await eventually(async () => {
      const rows = await owner.transaction(async (m) => {
        await m.query(`SELECT set_config('app.platform', 'on', true)`);
        return (await m.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [keyId])) as {
          last_used_at: Date | null;
        }[];
      });
      return rows[0]?.last_used_at ?? undefined;
    }, 'last_used_at to be written');
    expect(lastUsedAt).toEqual(at);
  });

  it('fails a job whose name has no handler, saying so', async () => {
    const job = await queue.add('no-such-job', {}, { attempts: 3, removeOnFail: false });
    const failed = await eventually(async () => {
      // Read the job after seeing the state: a job read first could predate its failedReason.
      if ((await queue.getJobState(job.id!)) !== 'failed') return undefined;
      const current: Job | undefined = await queue.getJob(job.id!);
      return current;
    }, 'the job to fail');
    expect(failed.failedReason).toBe('No handler for job "no-such-job" on queue "system"');
    expect(failed.attemptsMade).toBe(1); // unrecoverable: not retried
  });

  it('uses hash-tagged queue keys under the deployment prefix', async () => {
    const redis = moduleRef.get(RedisService);
    const keys = await redis.client.keys(`${redis.prefix}:{bull}:${QueueName.System}:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});
