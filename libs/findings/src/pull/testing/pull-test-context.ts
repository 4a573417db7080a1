import { randomInt, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AwsModule, AwsPlatformCredentials } from '@sieve/aws';
import {
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  RedisModule,
  RedisService,
} from '@sieve/core';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { type RunningAwsEmulator, startAwsEmulator } from '../../../../../apps/aws-emulator/src/index.js';
import type { FindingRecord } from '../../store/finding-record.js';
import { Finding } from '../../store/finding.entity.js';
import { FindingsStore, type StoredFinding } from '../../store/findings-store.js';
import { FindingPoller } from '../finding-poller.js';
import { PollCursor } from '../poll-cursor.entity.js';
import { PollScheduler } from '../poll-scheduler.js';
import type { PollTarget } from '../poll-target.js';

/** The emulator seed's platform user, which customers' roles trust. */
const PLATFORM_ARN = 'arn:aws:iam::111122223333:user/sieve-platform';
const ROLE_NAME = 'SieveIncidentResponse';

/** The real store, which can be told to fail once, as a process dying while it writes a page would. */
export class FlakyFindingsStore extends FindingsStore {
  private calls = 0;
  private failOn: number | undefined;

  /** The `call`-th upsert from now throws (its transaction rolls back); later ones work again. */
  failOnCall(call: number): void {
    this.calls = 0;
    this.failOn = call;
  }

  override async upsert(manager: EntityManager, records: readonly FindingRecord[]): Promise<StoredFinding[]> {
    this.calls += 1;
    if (this.calls === this.failOn) {
      this.failOn = undefined;
      throw new Error('simulated crash while storing a page');
    }
    return super.upsert(manager, records);
  }
}

export interface PullTestContext {
  emulator: RunningAwsEmulator;
  module: TestingModule;
  /** The database owner (bypasses RLS): seeds tenants and accounts, reads what the poller wrote. */
  owner: pg.Client;
  store: FlakyFindingsStore;
  poller: FindingPoller;
  scheduler: PollScheduler;
  close(): Promise<void>;
}

/** An emulator, the run's PostgreSQL and Redis, and the pull's providers as the worker would compose them. */
export async function startPullTestContext(): Promise<PullTestContext> {
  const emulator = await startAwsEmulator({ port: 0 });
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const store = new FlakyFindingsStore();
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({
        AWS_ENDPOINT_URL: emulator.url,
        // Rate buckets of its own, starting full, shared with no other test.
        REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sieve-test'}:pull:${randomUUID()}`,
      }),
      ClockModule,
      DatabaseModule.forRoot({ applicationName: 'test' }),
      RedisModule,
      AuditModule,
      TypeOrmModule.forFeature([PollCursor, Finding]),
      AwsModule,
    ],
    providers: [FindingsStore, FindingPoller, PollScheduler],
  })
    .overrideProvider(AwsPlatformCredentials)
    .useValue(new AwsPlatformCredentials(emulator.userCredentials()))
    .overrideProvider(FindingsStore)
    .useValue(store)
    .compile();
  await module.init();
  // A Redis connection closed while still in its ready check leaves a timer that keeps Jest alive.
  await module.get(RedisService).client.ping();
  return {
    emulator,
    module,
    owner,
    store,
    poller: module.get(FindingPoller),
    scheduler: module.get(PollScheduler),
    close: async () => {
      await module.close();
      await owner.end();
      await emulator.close();
    },
  };
}

export interface SeededTenant {
  tenantId: string;
  externalId: string;
}

export async function seedTenant(ctx: PullTestContext): Promise<SeededTenant> {
  const tenantId = randomUUID();
  const externalId = `sieve-test-${randomUUID().replace(/-/g, '')}`;
  await ctx.owner.query(
    `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'pull', 'UTC', 'STANDARD')`,
    [tenantId, `pull-${tenantId.slice(0, 8)}`],
  );
  await ctx.owner.query(`INSERT INTO aws_external_ids (tenant_id, external_id) VALUES ($1, $2)`, [
    tenantId,
    externalId,
  ]);
  return { tenantId, externalId };
}

export interface DeployedAccount {
  accountId: string;
  roleArn: string;
  /** The account's target in its first region. */
  target: PollTarget;
}

/**
 * A customer account as onboarding leaves it: in the emulator, a role trusting the platform with the
 * tenant's ExternalId; in Sieve, an aws_accounts row. Account ids are random: an AWS account can
 * belong to one tenant only, and other test files share the run's database.
 */
export async function deployAccount(
  ctx: PullTestContext,
  tenant: SeededTenant,
  options: { status?: 'ACTIVE' | 'DEGRADED' | 'FAILED'; regions?: string[] } = {},
): Promise<DeployedAccount> {
  const accountId = String(randomInt(300_000_000_000, 999_999_999_999));
  const regions = options.regions ?? ['us-east-1'];
  ctx.emulator.admin.registerAccount({
    accountId,
    regions: Object.fromEntries(regions.map((region) => [region, { findings: [] }])),
  });
  const { arn: roleArn } = ctx.emulator.admin.registerRole(accountId, {
    roleName: ROLE_NAME,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: PLATFORM_ARN },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': tenant.externalId } },
        },
      ],
    },
    permissions: ['securityhub:GetFindings', 'securityhub:BatchUpdateFindings'],
  });
  await ctx.owner.query(
    `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'test')`,
    [tenant.tenantId, accountId, roleArn, regions, tenant.externalId, options.status ?? 'ACTIVE'],
  );
  return {
    accountId,
    roleArn,
    target: {
      tenantId: tenant.tenantId,
      accountId,
      roleArn,
      externalId: tenant.externalId,
      region: regions[0],
    },
  };
}

/** A GuardDuty finding as Security Hub holds it, `n` distinguishing it within the account. */
export function asffFinding(
  accountId: string,
  n: number,
  updatedAt: number,
  patch: Record<string, unknown> = {},
): Record<string, unknown> {
  const at = new Date(updatedAt).toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:guardduty:us-east-1:${accountId}:detector/d1/finding/f${n}`,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    GeneratorId: `arn:aws:guardduty:us-east-1:${accountId}:detector/d1`,
    AwsAccountId: accountId,
    Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    CreatedAt: at,
    UpdatedAt: at,
    Severity: { Label: 'LOW', Normalized: 20 },
    Title: `Port probe ${n}`,
    Description: 'Unprotected port on an EC2 instance is being probed.',
    Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:us-east-1:${accountId}:instance/i-${n}` }],
    RecordState: n % 7 === 0 ? 'ARCHIVED' : 'ACTIVE',
    Workflow: { Status: 'NEW' },
    ...patch,
  };
}

export interface CursorRow {
  updated_since: Date | null;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  findings_read: string;
}

export async function cursorOf(ctx: PullTestContext, target: PollTarget): Promise<CursorRow | undefined> {
  const { rows } = await ctx.owner.query<CursorRow>(
    `SELECT updated_since, last_polled_at, last_success_at, last_error, findings_read
     FROM finding_poll_cursors WHERE tenant_id = $1 AND aws_account_id = $2 AND region = $3`,
    [target.tenantId, target.accountId, target.region],
  );
  return rows[0];
}

/** Stored findings of the target's account: finding id → occurrences. */
export async function storedOf(ctx: PullTestContext, target: PollTarget): Promise<Map<string, number>> {
  const { rows } = await ctx.owner.query<{ finding_id: string; occurrences: number }>(
    `SELECT finding_id, occurrences FROM findings WHERE tenant_id = $1 AND aws_account_id = $2 AND region = $3`,
    [target.tenantId, target.accountId, target.region],
  );
  return new Map(rows.map((r) => [r.finding_id, r.occurrences]));
}
