import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  AccountHealthCheckService,
  AwsAccountsService,
  type AwsRoleTarget,
  AwsPlatformCredentials,
  SecurityHubGateway,
} from '@sieve/aws';
import { type RunningAwsEmulator, startAwsEmulator } from '../../apps/aws-emulator/src/index.js';
import { asffFinding as finding } from '../fixtures/asff.js';
import { CUSTOMER_ROLE_NAME, EMULATOR_PLATFORM_ARN, deployCustomerRole } from '../fixtures/customer-role.js';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

const PLATFORM_ARN = EMULATOR_PLATFORM_ARN;
const ROLE_NAME = CUSTOMER_ROLE_NAME;

const REGISTER = `mutation ($input: RegisterAwsAccountInput!) {
  registerAwsAccount(input: $input) { id accountId status statusReason regions lastCheckedAt }
}`;
const LIST = '{ awsAccounts { edges { node { id accountId status statusReason } } } }';

/** The role as the customer deploys it, plus a few findings in its account. */
function deployRole(
  emulator: RunningAwsEmulator,
  accountId: string,
  externalId: string,
  findings = 3,
): string {
  const arn = deployCustomerRole(emulator, accountId, externalId);
  if (findings) {
    emulator.admin.injectFindings(
      accountId,
      'us-east-1',
      Array.from({ length: findings }, (_, i) => finding(accountId, i)),
    );
  }
  return arn;
}

describe('AWS onboarding against the emulator, with the real AWS SDK', () => {
  let emulator: RunningAwsEmulator;
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  let externalIdA: string;
  let externalIdB: string;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ port: 0 });
    app = await createTestApp({
      config: { AWS_ENDPOINT_URL: emulator.url, AWS_PLATFORM_PRINCIPAL_ARN: PLATFORM_ARN },
      override: (builder) =>
        builder
          .overrideProvider(AwsPlatformCredentials)
          .useValue(new AwsPlatformCredentials(emulator.userCredentials())),
    });
    a = await seedTenant(app, 'aws-a');
    b = await seedTenant(app, 'aws-b');
    const start = `mutation { startAwsOnboarding(input: { region: "eu-west-1" }) {
      externalId platformPrincipalArn stackName templateBody quickCreateUrl parameters { key value } } }`;
    const onboardingA = (await gql(app, a.adminToken, start)).body.data.startAwsOnboarding;
    externalIdA = onboardingA.externalId;
    externalIdB = (await gql(app, b.adminToken, start)).body.data.startAwsOnboarding.externalId;
  });

  afterAll(async () => {
    await app.close();
    await emulator.close();
  });

  it('hands the customer the template, parameters and a quick-create link with their own ExternalId', async () => {
    const res = await gql(
      app,
      a.adminToken,
      'mutation { startAwsOnboarding { externalId templateBody quickCreateUrl parameters { key value } } }',
    );
    const onboarding = res.body.data.startAwsOnboarding;
    expect(onboarding.externalId).toBe(externalIdA); // stable until rotated
    expect(externalIdA.length).toBeGreaterThanOrEqual(32);
    expect(externalIdB).not.toBe(externalIdA);
    expect(onboarding.templateBody).toContain('AWS::IAM::Role');
    expect(onboarding.parameters).toEqual(
      expect.arrayContaining([
        { key: 'ExternalId', value: externalIdA },
        { key: 'PlatformPrincipalArn', value: PLATFORM_ARN },
      ]),
    );
    const link = new URL(onboarding.quickCreateUrl);
    expect(link.hostname).toBe('console.aws.amazon.com');
    expect(onboarding.quickCreateUrl).toContain(`param_ExternalId=${encodeURIComponent(externalIdA)}`);
  });

  it('registers an account whose role trusts the tenant’s ExternalId, then reads its findings through broker and client', async () => {
    const roleArn = deployRole(emulator, '210000000001', externalIdA, 5);
    const res = await gql(app, a.adminToken, REGISTER, {
      input: { accountId: '210000000001', roleArn, regions: ['us-east-1'] },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.registerAwsAccount).toMatchObject({
      accountId: '210000000001',
      status: 'ACTIVE',
      statusReason: null,
    });

    const listed = await gql(app, a.adminToken, LIST);
    expect(listed.body.data.awsAccounts.edges.map((e: { node: unknown }) => e.node)).toEqual([
      expect.objectContaining({ accountId: '210000000001', status: 'ACTIVE' }),
    ]);

    const [account] = await app.get(AwsAccountsService).reachable(a.tenant.id);
    const target: AwsRoleTarget = {
      tenantId: a.tenant.id,
      accountId: account.accountId,
      roleArn: account.roleArn,
      externalId: account.externalId,
    };
    const ids: string[] = [];
    for await (const page of app
      .get(SecurityHubGateway)
      .getFindings({ ...target, region: 'us-east-1' }, { pageSize: 2 })) {
      ids.push(...page.map((f) => f.Id!));
    }
    expect(ids.sort()).toEqual(Array.from({ length: 5 }, (_, i) => finding('210000000001', i).Id).sort());
  });

  it('refuses a role deployed with a wrong ExternalId with a clear GraphQL error, and shows it FAILED', async () => {
    const roleArn = deployRole(emulator, '210000000002', 'not-this-tenants-external-id-0000000000');
    const res = await gql(app, a.adminToken, REGISTER, {
      input: { accountId: '210000000002', roleArn, regions: ['us-east-1'] },
    });
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('AWS_VERIFICATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/could not assume .*SieveIncidentResponse.*ExternalId/);

    const listed = await gql(app, a.adminToken, LIST);
    expect(listed.body.data.awsAccounts.edges.map((e: { node: unknown }) => e.node)).toContainEqual(
      expect.objectContaining({
        accountId: '210000000002',
        status: 'FAILED',
        statusReason: expect.stringMatching(/ExternalId/),
      }),
    );
  });

  it('refuses malformed registrations before calling AWS', async () => {
    const res = await gql(app, a.adminToken, REGISTER, {
      input: {
        accountId: '210000000009',
        roleArn: 'arn:aws:iam::999999999999:role/x',
        regions: ['us-east-1'],
      },
    });
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.body.errors[0].message).toMatch(/belongs to account 999999999999/);
  });

  it('keeps tenant B from registering or reading tenant A’s account', async () => {
    const roleArnA = `arn:aws:iam::210000000001:role/${ROLE_NAME}`;
    // B cannot assume A's role: its ExternalId is not the one the role trusts.
    const denied = await gql(app, b.adminToken, REGISTER, {
      input: { accountId: '210000000001', roleArn: roleArnA, regions: ['us-east-1'] },
    });
    expect(denied.body.errors[0].extensions.code).toBe('AWS_VERIFICATION_FAILED');

    // Even a role in that account trusting B's ExternalId cannot move the account to B.
    emulator.admin.registerRole('210000000001', {
      roleName: 'SieveForB',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: PLATFORM_ARN },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': externalIdB } },
          },
        ],
      },
      permissions: ['securityhub:GetFindings'],
    });
    const conflict = await gql(app, b.adminToken, REGISTER, {
      input: {
        accountId: '210000000001',
        roleArn: 'arn:aws:iam::210000000001:role/SieveForB',
        regions: ['us-east-1'],
      },
    });
    expect(conflict.body.errors[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'AWS account 210000000001 is already connected to another Sieve tenant',
    });

    const listedByB = await gql(app, b.adminToken, LIST);
    expect(
      listedByB.body.data.awsAccounts.edges.map((e: { node: { status: string } }) => e.node.status),
    ).toEqual(['FAILED']);
    const accountOfA = (await gql(app, a.adminToken, LIST)).body.data.awsAccounts.edges.find(
      (e: { node: { accountId: string } }) => e.node.accountId === '210000000001',
    ).node;
    const removal = await gql(app, b.adminToken, 'mutation ($id: ID!) { removeAwsAccount(id: $id) { id } }', {
      id: accountOfA.id,
    });
    expect(removal.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await gql(app, a.adminToken, LIST)).body.data.awsAccounts.edges).toContainEqual({
      node: expect.objectContaining({ id: accountOfA.id, status: 'ACTIVE' }),
    });
  });

  it('marks an account whose role was deleted DEGRADED within one health cycle; the tenant’s other account keeps working', async () => {
    const t = await seedTenant(app, 'aws-health');
    const externalId = (await gql(app, t.adminToken, 'mutation { startAwsOnboarding { externalId } }')).body
      .data.startAwsOnboarding.externalId;
    for (const accountId of ['210000000003', '210000000004']) {
      const roleArn = deployRole(emulator, accountId, externalId);
      const res = await gql(app, t.adminToken, REGISTER, {
        input: { accountId, roleArn, regions: ['us-east-1'] },
      });
      expect(res.body.data.registerAwsAccount.status).toBe('ACTIVE');
    }
    emulator.admin.setFaults({ deletedRoleArns: [`arn:aws:iam::210000000003:role/${ROLE_NAME}`] });
    try {
      const summary = await app.get(AccountHealthCheckService).checkAll();
      expect(summary.degraded).toBeGreaterThanOrEqual(1);
      const nodes = (await gql(app, t.adminToken, LIST)).body.data.awsAccounts.edges.map(
        (e: { node: { accountId: string } }) => e.node,
      );
      expect(nodes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            accountId: '210000000003',
            status: 'DEGRADED',
            statusReason: expect.stringContaining(`arn:aws:iam::210000000003:role/${ROLE_NAME}`),
          }),
          expect.objectContaining({ accountId: '210000000004', status: 'ACTIVE', statusReason: null }),
        ]),
      );
    } finally {
      emulator.admin.resetFaults();
    }
    // Once the customer restores the role, the next cycle brings the account back.
    await app.get(AccountHealthCheckService).checkAll();
    const recovered = (await gql(app, t.adminToken, LIST)).body.data.awsAccounts.edges.map(
      (e: { node: { status: string } }) => e.node.status,
    );
    expect(recovered).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('re-assumes early-expired credentials without an error reaching the caller', async () => {
    const [account] = await app.get(AwsAccountsService).reachable(a.tenant.id);
    const target = {
      tenantId: a.tenant.id,
      accountId: account.accountId,
      roleArn: account.roleArn,
      externalId: account.externalId,
      region: 'us-east-1',
    };
    const gateway = app.get(SecurityHubGateway);
    expect((await gateway.getFindingsPage(target, { maxResults: 1 })).findings).toHaveLength(1);
    emulator.admin.resetCounters();
    expect(emulator.admin.expireCredentials(account.accountId).expired).toBeGreaterThan(0);
    expect((await gateway.getFindingsPage(target, { maxResults: 1 })).findings).toHaveLength(1);
    // The refused GetFindings, one fresh AssumeRole, the successful retry: the caller saw none of it.
    const counters = emulator.admin.counters();
    expect(counters.byOperation.AssumeRole).toBe(1);
    expect(counters.byOperation.GetFindings).toBe(2);
  });
});
