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

  it('pulls 5,000 findings of three tenants, deduplicates updates, gives each a verdict and writes it back', async () => {
    const sizes = [2_500, 1_500, 1_000];
    const tenants: { tenantId: string; accountId: string }[] = [];
    for (const size of sizes) tenants.push(await connectedTenant(size));
    await queue.add(IngestPollJob.Schedule, {});

    const verdicts = async () =>
      Promise.all(
        tenants.map(
          async (t) =>
            (
              await owner.query(
                `SELECT count(*)::int AS stored, count(verdict)::int AS judged FROM findings WHERE tenant_id = $1`,
                [t.tenantId],
              )
            ).rows[0] as { stored: number; judged: number },
        ),
      );
    const deadline = Date.now() + 90_000;
    let counts = await verdicts();
    while (Date.now() < deadline && counts.some((c, i) => c.judged < sizes[i])) {
      await sleep(500);
      counts = await verdicts();
    }
    expect(counts).toEqual(sizes.map((n) => ({ stored: n, judged: n })));

    // Updates: 100 findings of the first tenant change (newer UpdatedAt); the next poll updates them in
    // place, and nothing is stored twice.
    const [first] = tenants;
    const later = new Date(Date.now() + 1_000).toISOString();
    emulator.admin.injectFindings(
      first.accountId,
      'us-east-1',
      Array.from({ length: 100 }, (_, i) =>
        asffFinding(first.accountId, i, { UpdatedAt: later, Title: 'updated' }),
      ),
    );
    await queue.add(IngestPollJob.Schedule, {});
    const updatedBy = Date.now() + 30_000;
    let updated = 0;
    while (Date.now() < updatedBy && updated < 100) {
      await sleep(300);
      updated = (
        await owner.query(
          `SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1 AND title = 'updated'`,
          [first.tenantId],
        )
      ).rows[0].n;
    }
    expect(updated).toBe(100);
    expect((await verdicts()).map((c) => c.stored)).toEqual(sizes);
    const versions = await owner.query(
      `SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1 AND occurrences = 2`,
      [first.tenantId],
    );
    expect(versions.rows[0].n).toBe(100);

    // Writeback: every verdict reaches the customer's Security Hub.
    const writtenBy = Date.now() + 60_000;
    let unsent = -1;
    while (Date.now() < writtenBy && unsent !== 0) {
      await sleep(500);
      unsent = (
        await owner.query(
          `SELECT count(*)::int AS n FROM writeback_outbox WHERE tenant_id = ANY($1) AND sent_at IS NULL`,
          [tenants.map((t) => t.tenantId)],
        )
      ).rows[0].n;
    }
    expect(unsent).toBe(0);
    const notified = emulator.admin
      .listFindings(tenants[2].accountId, 'us-east-1')
      .filter((f) => (f as { Workflow?: { Status?: string } }).Workflow?.Status === 'NOTIFIED');
    expect(notified).toHaveLength(sizes[2]);
  }, 180_000);
});
