import { randomBytes, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
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
import {
  type RunningAwsEmulator,
  type SeedTrailEvent,
  startAwsEmulator,
} from '../../../../apps/aws-emulator/src/index.js';
import { deployCustomerRole, EMULATOR_PLATFORM_ARN } from '../../../../test/fixtures/customer-role.js';
import { EnrichmentRunner } from '../enrichment/enrichment-runner.js';
import { TriageEnrichmentModule } from '../enrichment/triage-enrichment.module.js';
import { apiCallAsff, triageOf } from '../testing/fixtures.js';
import type { TriageFinding } from '../triage-finding.js';
import { CloudTrailEnricher } from './cloudtrail.enricher.js';

const MINUTE = 60_000;

/** An API-call finding of `accountId` about `accessKeyId`, first and last seen a few minutes ago. */
function keyFinding(accountId: string, accessKeyId: string): TriageFinding {
  const finding = triageOf(
    apiCallAsff({
      id: randomBytes(16).toString('hex'),
      guardDutyType: 'Discovery:IAMUser/AnomalousBehavior',
      asffType: 'TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior',
      api: 'ListBuckets',
      service: 's3.amazonaws.com',
      principal: { type: 'IAMUser', name: 'build-bot', accessKeyId },
    }),
  );
  const seen = new Date(Date.now() - 2 * MINUTE);
  return {
    ...finding,
    awsAccountId: accountId,
    providerCreatedAt: seen,
    providerUpdatedAt: seen,
    lastObservedAt: seen,
  };
}

function trailEvent(id: string, accessKeyId: string, minutesAgo: number, errorCode?: string): SeedTrailEvent {
  return {
    record: {
      eventID: id,
      eventTime: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
      eventSource: 's3.amazonaws.com',
      eventName: errorCode ? 'GetObject' : 'ListBuckets',
      readOnly: true,
      sourceIPAddress: '198.51.100.62',
      userAgent: 'Boto3/1.35.76',
      userIdentity: { type: 'IAMUser', userName: 'build-bot', accessKeyId },
      ...(errorCode ? { errorCode } : {}),
    },
  };
}

/**
 * The cloudtrail enricher as the worker composes it (AwsModule's accounts service and gateway, the real
 * database, Redis and the AWS emulator): the target comes from the tenant's own registered accounts.
 */
describe('CloudTrailEnricher through the registered account', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let emulator: RunningAwsEmulator;
  let moduleRef: TestingModule;
  let runner: EnrichmentRunner;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  /** The tenant's ExternalId (one per tenant, whatever the number of its accounts). */
  const externalIds = new Map<string, string>();

  async function connect(tenantId: string, accountId: string, deploy: (externalId: string) => string) {
    let externalId = externalIds.get(tenantId);
    if (!externalId) {
      externalId = `sieve-test-${randomBytes(16).toString('hex')}`;
      externalIds.set(tenantId, externalId);
      await owner.query(`INSERT INTO aws_external_ids (tenant_id, external_id) VALUES ($1, $2)`, [
        tenantId,
        externalId,
      ]);
    }
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', $4, 'ACTIVE', 'test')`,
      [tenantId, accountId, deploy(externalId), externalId],
    );
  }

  const cloudtrail = async (tenantId: string, finding: TriageFinding) => {
    const { enrichment, errors } = await runner.run(tenantId, finding);
    return { summary: enrichment.cloudtrail, errors: errors.filter((e) => e.enricher === 'cloudtrail') };
  };

  beforeAll(async () => {
    await owner.connect();
    for (const id of [tenantA, tenantB]) {
      await owner.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
        [id, `ct-${id.slice(0, 8)}`],
      );
    }
    emulator = await startAwsEmulator({ port: 0 });
    await connect(tenantA, '610000000011', (externalId) =>
      deployCustomerRole(emulator, '610000000011', externalId),
    );
    await connect(tenantA, '610000000012', (externalId) => {
      emulator.admin.registerAccount({ accountId: '610000000012' });
      return emulator.admin.registerRole('610000000012', {
        roleName: 'SieveReadOnlyFindings',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: EMULATOR_PLATFORM_ARN },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': externalId } },
            },
          ],
        },
        permissions: ['securityhub:GetFindings'],
      }).arn;
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          AWS_ENDPOINT_URL: emulator.url,
          REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sieve-test'}:ct-${randomBytes(3).toString('hex')}`,
          TRIAGE_CLOUDTRAIL_TIMEOUT_MS: '5000',
        }),
        ClockModule,
        RedisModule,
        AuditModule,
        DatabaseModule.forRoot({ applicationName: 'test' }),
        TriageEnrichmentModule.forRoot({ imports: [AwsModule] }),
      ],
    })
      .overrideProvider(AwsPlatformCredentials)
      .useValue(new AwsPlatformCredentials(emulator.userCredentials()))
      .compile();
    await moduleRef.init();
    await moduleRef.get(RedisService).client.ping();
    runner = moduleRef.get(EnrichmentRunner);
  }, 30_000);

  afterAll(async () => {
    await moduleRef?.close();
    await emulator?.close();
    await owner.end();
  });

  it('is one of the runner’s enrichers, and summarises the key’s events read through the tenant’s role', async () => {
    expect(runner.order.some((e) => e instanceof CloudTrailEnricher)).toBe(true);
    const key = 'AKIA61INTEGRATION011';
    emulator.admin.injectCloudTrailEvents('610000000011', 'us-east-1', [
      trailEvent('it-1', key, 4),
      trailEvent('it-2', key, 3, 'AccessDenied'),
      trailEvent('it-3', 'AKIA61INTEGRATIONXXX', 3),
    ]);

    const { summary, errors } = await cloudtrail(tenantA, keyFinding('610000000011', key));

    expect(errors).toEqual([]);
    expect(summary).toMatchObject({
      lookup: { attribute: 'AccessKeyId', value: key },
      eventCount: 2,
      eventNames: [
        { name: 's3:GetObject', count: 1 },
        { name: 's3:ListBuckets', count: 1 },
      ],
      errorCount: 1,
      accessDeniedCount: 1,
      sourceIps: ['198.51.100.62'],
      findingCallSeen: true,
    });
  });

  it("never reaches another tenant's account: it answers as for an account that is not connected", async () => {
    const { summary, errors } = await cloudtrail(tenantB, keyFinding('610000000011', 'AKIA61INTEGRATION011'));

    expect(summary).toBeUndefined();
    expect(errors).toEqual([
      {
        enricher: 'cloudtrail',
        kind: 'failed',
        message: 'AWS account 610000000011 is not connected to this tenant, or its role failed verification',
      },
    ]);
  });

  it('records a role’s refusal, and does not ask that account again for the next principal', async () => {
    const before = emulator.admin.counters().outcomes.LookupEvents ?? {};

    const first = await cloudtrail(tenantA, keyFinding('610000000012', 'AKIA61INTEGRATION012'));
    const second = await cloudtrail(tenantA, keyFinding('610000000012', 'AKIA61INTEGRATION013'));

    const refusal =
      "The role arn:aws:iam::610000000012:role/SieveReadOnlyFindings lacks cloudtrail:LookupEvents: add it to the role's permissions (Sieve's CloudFormation template grants it)";
    expect(first.errors).toEqual([{ enricher: 'cloudtrail', kind: 'failed', message: refusal }]);
    expect(second.errors).toEqual([{ enricher: 'cloudtrail', kind: 'failed', message: refusal }]);
    const after = emulator.admin.counters().outcomes.LookupEvents ?? {};
    expect((after.AccessDeniedException ?? 0) - (before.AccessDeniedException ?? 0)).toBe(1);
  });
});
