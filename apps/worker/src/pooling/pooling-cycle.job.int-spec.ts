import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AppConfigService,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  QueueName,
  RedisModule,
  bullRootOptions,
} from '@sieve/core';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { JOB_CATALOGUE_TOKEN } from '../jobs/job-catalogue.token.js';
import { PoolingJob } from '../queues/job-name.js';
import { PoolingJobsModule } from './pooling-jobs.module.js';
import { POOLING_CYCLE_SCHEDULER_ID } from './pooling-cycle.job.js';

describe('pooling cycle job (PostgreSQL + Redis + BullMQ)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let queue: Queue;

  beforeAll(async () => {
    await owner.connect();
    // A queue prefix of its own, so that workers booted by other test files never take these jobs.
    const prefix = `${process.env.REDIS_PREFIX}:pooling-${randomBytes(3).toString('hex')}`;
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ REDIS_PREFIX: prefix, POOLING_EVERY_SECONDS: '120', POOLING_THRESHOLD: '3' }),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-pooling-job' }),
        RedisModule,
        AuditModule,
        BullModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => bullRootOptions(config.values),
        }),
        PoolingJobsModule,
      ],
    })
      .overrideProvider(JOB_CATALOGUE_TOKEN)
      .useValue({ [QueueName.Pooling]: Object.values(PoolingJob) })
      .compile();
    await moduleRef.init();
    queue = moduleRef.get<Queue>(getQueueToken(QueueName.Pooling));
  }, 30_000);

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  it('schedules the cycle at the configured interval, once, under a fixed id', async () => {
    expect(await queue.getJobScheduler(POOLING_CYCLE_SCHEDULER_ID)).toMatchObject({
      name: PoolingJob.Cycle,
      every: 120_000,
    });
  });

  it('promotes what three contributing tenants confirm, through the queue', async () => {
    const type = `Recon:EC2/PortProbeUnprotectedPort.J${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < 3; i++) {
      const tenantId = randomUUID();
      await owner.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier, pool_contribute)
         VALUES ($1, $2, 'x', 'UTC', 'STANDARD', true)`,
        [tenantId, `pool-job-${tenantId.slice(0, 8)}`],
      );
      await owner.query(
        `INSERT INTO known_good_patterns (tenant_id, name, finding_type, predicates, status, created_by)
         VALUES ($1, 'scanners', $2, $3, 'ACTIVE', 'test')`,
        [
          tenantId,
          type,
          JSON.stringify([
            { feature: 'localPorts', op: 'equals', value: '22' },
            { feature: 'remoteAsn', op: 'asn', asns: [398324] },
          ]),
        ],
      );
    }
    // The scheduler's own first run may take it first; either way it is promoted once.
    await queue.add(PoolingJob.Cycle, {});
    const deadline = Date.now() + 15_000;
    let rows: { status: string; tenant_support: number }[] = [];
    while (rows.length === 0 && Date.now() < deadline) {
      await sleep(100);
      rows = (
        await owner.query(
          `SELECT status, tenant_support FROM global_known_good_patterns WHERE finding_type = $1`,
          [type],
        )
      ).rows;
    }
    expect(rows).toEqual([{ status: 'ACTIVE', tenant_support: 3 }]);
  }, 20_000);
});
