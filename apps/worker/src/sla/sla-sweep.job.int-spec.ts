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
  loadConfig,
} from '@sieve/core';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { JOB_CATALOGUE_TOKEN } from '../jobs/job-catalogue.token.js';
import { SlaJob } from '../queues/job-name.js';
import { SlaJobsModule } from './sla-jobs.module.js';
import { SLA_SWEEP_EVERY_MS, SLA_SWEEP_SCHEDULER_ID } from './sla-sweep.job.js';

describe('SLA sweep job (PostgreSQL + Redis + BullMQ)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let queue: Queue;

  beforeAll(async () => {
    await owner.connect();
    // A queue prefix of its own, so that workers booted by other test files never take these jobs.
    const values = {
      ...loadConfig(),
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:sla-${randomBytes(3).toString('hex')}`,
    };
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-sla-job' }),
        RedisModule,
        AuditModule,
        BullModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => bullRootOptions(config.values),
        }),
        SlaJobsModule,
      ],
    })
      .overrideProvider(AppConfigService)
      .useValue({ values } satisfies AppConfigService)
      .overrideProvider(JOB_CATALOGUE_TOKEN)
      .useValue({ [QueueName.Sla]: Object.values(SlaJob) })
      .compile();
    await moduleRef.init();
    queue = moduleRef.get<Queue>(getQueueToken(QueueName.Sla));
  }, 30_000);

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  it('schedules the sweep every few seconds, once, under a fixed id', async () => {
    expect(await queue.getJobScheduler(SLA_SWEEP_SCHEDULER_ID)).toMatchObject({
      name: SlaJob.Sweep,
      every: SLA_SWEEP_EVERY_MS,
    });
  });

  it('raises the breach of a case whose check is due, through the queue', async () => {
    const tenantId = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [tenantId, `sla-job-${tenantId.slice(0, 8)}`],
    );
    // Opened two hours ago (CRITICAL: 30 minutes to acknowledge), its check due since a second. One
    // transaction, as the case service writes a case with its CREATED entry.
    await owner.query('BEGIN');
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, created_at,
         sla_next_check_at)
       VALUES ($1, 1, 'c', 'CRITICAL', 90, 1, now() - interval '2 hours', now() - interval '1 second')
       RETURNING id`,
      [tenantId],
    );
    const caseId = rows[0].id;
    await owner.query(
      `INSERT INTO case_events (tenant_id, case_id, type, actor_type, at)
       VALUES ($1, $2, 'CREATED', 'SYSTEM', now() - interval '2 hours')`,
      [tenantId, caseId],
    );
    await owner.query('COMMIT');

    // The scheduler's own run may take it first; either way the breach is raised once.
    await queue.add(SlaJob.Sweep, {});
    const deadline = Date.now() + 15_000;
    let breaches: { data: { clock: string } }[] = [];
    while (breaches.length === 0 && Date.now() < deadline) {
      await sleep(100);
      breaches = (
        await owner.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'SLA_BREACHED'`, [
          caseId,
        ])
      ).rows;
    }
    expect(breaches.map((b) => b.data.clock)).toEqual(['ACK']);
    const sla = await owner.query(`SELECT sla_state FROM cases WHERE id = $1`, [caseId]);
    expect(sla.rows[0].sla_state).toBe('BREACHED');
  }, 20_000);
});
