import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { AwsPlatformCredentials } from '@sieve/aws';
import { AppConfigService, loadConfig, QueueName } from '@sieve/core';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { type RunningAwsEmulator, startAwsEmulator } from '../../apps/aws-emulator/src/index.js';
import { IngestPollJob } from '../../apps/worker/src/queues/job-name.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding } from '../fixtures/asff.js';
import { deployCustomerRole } from '../fixtures/customer-role.js';

/**
 * The pull as it runs in production: the worker's schedule job fans out one poll per connected account
 * × region on the `ingest-poll` queue, and each poll stores its findings in PostgreSQL.
 */
describe('Security Hub pull through the worker', () => {
  let emulator: RunningAwsEmulator;
  let worker: TestingModule;
  let queue: Queue;
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });

  async function connectedTenant(findings: number): Promise<{ tenantId: string; accountId: string }> {
    const tenantId = randomUUID();
    const externalId = `sieve-test-${randomBytes(16).toString('hex')}`;
    const accountId = String(400_000_000_000 + Math.floor(Math.random() * 99_999_999_999));
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'pull', 'UTC', 'STANDARD')`,
      [tenantId, `pull-${tenantId.slice(0, 8)}`],
    );
    await owner.query(`INSERT INTO aws_external_ids (tenant_id, external_id) VALUES ($1, $2)`, [
      tenantId,
      externalId,
    ]);
    const roleArn = deployCustomerRole(emulator, accountId, externalId);
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', $4, 'ACTIVE', 'test')`,
      [tenantId, accountId, roleArn, externalId],
    );
    emulator.admin.injectFindings(
      accountId,
      'us-east-1',
      Array.from({ length: findings }, (_, i) => asffFinding(accountId, i)),
    );
    return { tenantId, accountId };
  }

  const storedFor = async (tenantId: string): Promise<number> =>
    (await owner.query(`SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1`, [tenantId])).rows[0].n;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ port: 0 });
    await owner.connect();
    const values = loadConfig({
      ...process.env,
      AWS_ENDPOINT_URL: emulator.url,
      // Queues of its own, so no other test's worker takes these jobs.
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:pull-${randomBytes(3).toString('hex')}`,
    });
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values } satisfies AppConfigService)
      .overrideProvider(AwsPlatformCredentials)
      .useValue(new AwsPlatformCredentials(emulator.userCredentials()))
      .compile();
    await worker.init();
    queue = worker.get<Queue>(getQueueToken(QueueName.IngestPoll));
  });

  afterAll(async () => {
    await worker?.close();
    await owner.end();
    await emulator?.close();
  });

  it('polls every connected account of every tenant and stores each finding once', async () => {
    const tenants = [await connectedTenant(150), await connectedTenant(40), await connectedTenant(5)];
    await queue.add(IngestPollJob.Schedule, {});
    const deadline = Date.now() + 30_000;
    let counts: number[] = [];
    while (Date.now() < deadline) {
      counts = await Promise.all(tenants.map((t) => storedFor(t.tenantId)));
      if (counts.join() === '150,40,5') break;
      await sleep(200);
    }
    expect(counts).toEqual([150, 40, 5]);

    // A second round reads the overlap again and stores nothing twice.
    await queue.add(IngestPollJob.Schedule, {});
    await sleep(1_500);
    expect(await Promise.all(tenants.map((t) => storedFor(t.tenantId)))).toEqual([150, 40, 5]);
    const cursors = await owner.query(
      `SELECT count(*)::int AS n FROM finding_poll_cursors WHERE tenant_id = ANY($1) AND last_error IS NULL
         AND updated_since IS NOT NULL`,
      [tenants.map((t) => t.tenantId)],
    );
    expect(cursors.rows[0].n).toBe(3);
  }, 60_000);
});
