import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AwsPlatformCredentials } from '@sieve/aws';
import { AppConfigService, loadConfig } from '@sieve/core';
import pg from 'pg';
import request from 'supertest';
import {
  type RunningAwsEmulator,
  type SeedTrailEvent,
  startAwsEmulator,
} from '../../apps/aws-emulator/src/index.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { CUSTOMER_ROLE_NAME, EMULATOR_PLATFORM_ARN, deployCustomerRole } from '../fixtures/customer-role.js';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

const MINUTE = 60_000;

/**
 * The cloudtrail enricher in the worker: for a finding about an access key, the key's CloudTrail events
 * around the finding are read through the customer's role (assumed with the tenant's ExternalId) and
 * summarised into the finding's enrichment; a role that may not read CloudTrail, or a throttling CloudTrail,
 * is recorded as the enricher's error while the finding still gets its verdict.
 */
describe('CloudTrail enrichment through the customer role', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let emulator: RunningAwsEmulator;
  let api: NestExpressApplication;
  let worker: TestingModule;

  /** A tenant with the account connected through `roleArn`, trusted with the tenant's ExternalId. */
  async function connectedTenant(
    label: string,
    accountId: string,
    deploy: (externalId: string) => string,
  ): Promise<{ tenant: SeededTenant; externalId: string }> {
    const tenant = await seedTenant(api, label);
    const externalId = `sieve-test-${randomBytes(16).toString('hex')}`;
    await owner.query(`INSERT INTO aws_external_ids (tenant_id, external_id) VALUES ($1, $2)`, [
      tenant.tenant.id,
      externalId,
    ]);
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, $3, '{us-east-1}', $4, 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId, deploy(externalId), externalId],
    );
    return { tenant, externalId };
  }

  /** The same role as the CloudFormation template, without `cloudtrail:LookupEvents`. */
  function deployRoleWithoutCloudTrail(accountId: string, externalId: string): string {
    emulator.admin.registerAccount({ accountId, regions: { 'us-east-1': { findings: [] } } });
    return emulator.admin.registerRole(accountId, {
      roleName: CUSTOMER_ROLE_NAME,
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
      permissions: ['securityhub:GetFindings', 'securityhub:BatchUpdateFindings'],
    }).arn;
  }

  /** A GuardDuty finding (through Security Hub) about an IAM user's access key calling s3:ListBuckets. */
  function keyFinding(accountId: string, n: number, accessKeyId: string): Record<string, unknown> {
    const api = 'aws/guardduty/service/action/awsApiCallAction';
    return asffFinding(accountId, n, {
      Types: ['TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior'],
      Severity: { Label: 'MEDIUM', Normalized: 50 },
      ProductFields: {
        'aws/guardduty/service/action/actionType': 'AWS_API_CALL',
        [`${api}/api`]: 'ListBuckets',
        [`${api}/serviceName`]: 's3.amazonaws.com',
        [`${api}/callerType`]: 'Remote IP',
        [`${api}/remoteIpDetails/ipAddressV4`]: '198.51.100.61',
        'aws/guardduty/service/type': 'Discovery:IAMUser/AnomalousBehavior',
      },
      Resources: [
        {
          Type: 'AwsIamAccessKey',
          Id: `AWS::IAM::AccessKey:${accessKeyId}`,
          Details: { AwsIamAccessKey: { PrincipalType: 'IAMUser', PrincipalName: 'build-bot' } },
        },
      ],
    });
  }

  /** A CloudTrail management event of `accessKeyId`, `minutesAgo` before now. */
  function trailEvent(
    id: string,
    accessKeyId: string,
    minutesAgo: number,
    call: { source: string; name: string; errorCode?: string },
  ): SeedTrailEvent {
    return {
      record: {
        eventID: id,
        eventTime: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
        eventSource: call.source,
        eventName: call.name,
        readOnly: true,
        awsRegion: 'us-east-1',
        sourceIPAddress: '198.51.100.61',
        userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0',
        userIdentity: { type: 'IAMUser', userName: 'build-bot', accessKeyId },
        ...(call.errorCode ? { errorCode: call.errorCode } : {}),
      },
    };
  }

  async function push(tenant: SeededTenant, accountId: string, findings: Record<string, unknown>[]) {
    const res = await request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(accountId, findings)));
    expect(res.status).toBe(202);
  }

  async function judged(tenantId: string, findingId: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await owner.query(
        `SELECT id, verdict, enrichment, fingerprint FROM findings
         WHERE tenant_id = $1 AND finding_id = $2 AND verdict IS NOT NULL`,
        [tenantId, findingId],
      );
      if (rows[0] || Date.now() > deadline) return rows[0];
      await sleep(100);
    }
  }

  beforeAll(async () => {
    await owner.connect();
    emulator = await startAwsEmulator({ port: 0 });
    const config = {
      AWS_ENDPOINT_URL: emulator.url,
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:enrichment-${randomBytes(3).toString('hex')}`,
      TRIAGE_CLOUDTRAIL_TIMEOUT_MS: '2000',
    };
    const credentials = new AwsPlatformCredentials(emulator.userCredentials());
    api = await createTestApp({
      config,
      override: (b) => b.overrideProvider(AwsPlatformCredentials).useValue(credentials),
    });
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .overrideProvider(AwsPlatformCredentials)
      .useValue(credentials)
      .compile();
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await emulator?.close();
    await owner.end();
  });

  it("summarises the access key's CloudTrail events around the finding into its enrichment", async () => {
    const accountId = '610000000001';
    const key = 'AKIA61ENRICHMENT0001';
    const { tenant, externalId } = await connectedTenant('ct', accountId, (externalId) =>
      deployCustomerRole(emulator, accountId, externalId),
    );
    emulator.admin.injectCloudTrailEvents(accountId, 'us-east-1', [
      trailEvent('ct-1', key, 9, { source: 's3.amazonaws.com', name: 'ListBuckets' }),
      trailEvent('ct-2', key, 7, {
        source: 'secretsmanager.amazonaws.com',
        name: 'GetSecretValue',
        errorCode: 'AccessDenied',
      }),
      trailEvent('ct-3', key, 6, {
        source: 'iam.amazonaws.com',
        name: 'CreateUser',
        errorCode: 'AccessDenied',
      }),
      // Another key's event, and this key's event from before the window.
      trailEvent('ct-4', 'AKIA61ENRICHMENTXXXX', 5, { source: 's3.amazonaws.com', name: 'ListBuckets' }),
      trailEvent('ct-5', key, 180, { source: 'ec2.amazonaws.com', name: 'DescribeInstances' }),
    ]);
    const finding = keyFinding(accountId, 1, key);
    await push(tenant, accountId, [finding]);

    const row = await judged(tenant.tenant.id, finding.Id as string);

    expect(row.verdict).toBe('RAISED');
    expect(row.enrichment.errors).toBeUndefined();
    expect(row.enrichment.cloudtrail).toMatchObject({
      lookup: { attribute: 'AccessKeyId', value: key },
      eventCount: 3,
      truncated: false,
      eventNames: [
        { name: 'iam:CreateUser', count: 1 },
        { name: 's3:ListBuckets', count: 1 },
        { name: 'secretsmanager:GetSecretValue', count: 1 },
      ],
      errorCount: 2,
      accessDeniedCount: 2,
      errorCodes: [{ name: 'AccessDenied', count: 2 }],
      sourceIps: ['198.51.100.61'],
      userAgents: ['aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0'],
      findingCallSeen: true,
    });
    expect(row.fingerprint.cloudtrailErrors).toBe(2);
    expect(JSON.stringify(row.enrichment)).not.toContain(externalId);
    // One lookup, signed with the session of the role, which trusts Sieve only with this tenant's ExternalId.
    expect(emulator.admin.counters().outcomes.LookupEvents).toEqual({ OK: 1 });

    // The analyst reads it on the finding.
    const res = await gql(api, tenant.analystToken, 'query ($id: ID!) { finding(id: $id) { enrichment } }', {
      id: row.id,
    });
    expect(res.body.data.finding.enrichment.cloudtrail.errorCount).toBe(2);
  }, 60_000);

  it('records the refusal of a role without cloudtrail:LookupEvents, and still judges the finding', async () => {
    const accountId = '610000000002';
    const { tenant } = await connectedTenant('ct-denied', accountId, (externalId) =>
      deployRoleWithoutCloudTrail(accountId, externalId),
    );
    const finding = keyFinding(accountId, 1, 'AKIA61ENRICHMENT0002');
    await push(tenant, accountId, [finding]);

    const row = await judged(tenant.tenant.id, finding.Id as string);

    expect(row.verdict).toBe('RAISED');
    expect(row.enrichment.cloudtrail).toBeUndefined();
    expect(row.enrichment.errors).toEqual([
      {
        enricher: 'cloudtrail',
        kind: 'failed',
        message: `The role arn:aws:iam::${accountId}:role/${CUSTOMER_ROLE_NAME} lacks cloudtrail:LookupEvents: add it to the role's permissions (Sieve's CloudFormation template grants it)`,
      },
    ]);
    expect(row.fingerprint).not.toHaveProperty('cloudtrailErrors');
    // An enrichment's refusal does not mark the account degraded (Security Hub still works).
    const account = await owner.query(`SELECT status FROM aws_accounts WHERE account_id = $1`, [accountId]);
    expect(account.rows[0].status).toBe('ACTIVE');
  }, 60_000);

  it('gives up on a throttling CloudTrail within its timeout, and the finding still gets its verdict', async () => {
    const accountId = '610000000003';
    const { tenant } = await connectedTenant('ct-throttled', accountId, (externalId) =>
      deployCustomerRole(emulator, accountId, externalId),
    );
    emulator.admin.setFaults({ throttleRatio: 1, operations: ['LookupEvents'], accountIds: [accountId] });
    const finding = keyFinding(accountId, 1, 'AKIA61ENRICHMENT0003');
    const started = Date.now();
    await push(tenant, accountId, [finding]);

    const row = await judged(tenant.tenant.id, finding.Id as string);

    expect(row.verdict).toBe('RAISED');
    expect(row.enrichment.errors).toEqual([
      expect.objectContaining({ enricher: 'cloudtrail', kind: expect.stringMatching(/^(timeout|failed)$/) }),
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(emulator.admin.counters().outcomes.LookupEvents).toMatchObject({
      ThrottlingException: expect.any(Number),
    });
  }, 60_000);
});
