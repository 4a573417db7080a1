import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startAwsEmulator, type AwsCredentials, type RunningAwsEmulator } from '../src/index.js';
import { errorOf } from './emulator-fixture.js';

/** Identities shipped in apps/aws-emulator/seed/demo.json. */
const DEMO_ACCOUNT = '123456789012';
const DEMO_ROLE_ARN = `arn:aws:iam::${DEMO_ACCOUNT}:role/SieveReadOnly`;
const DEMO_EXTERNAL_ID = 'sieve-demo-3f9c2a7e5b1d4c8f9e0a6b2d4f8c1e3a';
const SECOND_ACCOUNT = '444455556666';

describe('aws-emulator demo seed and CloudTrail LookupEvents (real SDK clients)', () => {
  let emulator: RunningAwsEmulator;
  let session: AwsCredentials;
  const clients: { destroy(): void }[] = [];
  const track = <C extends { destroy(): void }>(client: C): C => {
    clients.push(client);
    return client;
  };
  const assumeDemoRole = async (
    roleArn = DEMO_ROLE_ARN,
    ExternalId = DEMO_EXTERNAL_ID,
  ): Promise<AwsCredentials> => {
    const sts = track(new STSClient(emulator.clientConfig()));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sieve-ingest', ExternalId }),
    );
    return {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken,
    };
  };
  const trail = (credentials: AwsCredentials = session, region?: string) =>
    track(new CloudTrailClient(emulator.clientConfig({ credentials, region, maxAttempts: 1 })));
  const lookupAll = async (input: LookupEventsCommandInput, client = trail()) => {
    const events = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new LookupEventsCommand({ ...input, NextToken }));
      events.push(...(page.Events ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return events;
  };

  beforeAll(async () => {
    // No seed option: the shipped demo seed, found from the module's own location.
    emulator = await startAwsEmulator({ port: 0 });
    // The demo keeps AWS's real quotas (LookupEvents 2/s); these tests make many quick calls.
    emulator.admin.setThrottling({ GetFindings: null, LookupEvents: null });
    session = await assumeDemoRole();
  });
  afterAll(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator.close();
  });

  it('ships a platform account and a demo customer with ~30 findings per the brief', async () => {
    const { accounts } = emulator.admin.summary();
    expect(accounts.map((account) => account.accountId)).toEqual(['111122223333', DEMO_ACCOUNT]);
    expect(accounts[0].users[0]).toMatchObject({
      userName: 'sieve-platform',
      accessKeyId: 'AKIASIEVEPLATFORM001',
    });
    expect(accounts[1].roles).toEqual([
      { roleName: 'SieveReadOnly', arn: DEMO_ROLE_ARN, maxSessionDuration: 3600 },
    ]);
    expect(accounts[1].findings).toEqual({ 'us-east-1': 30, 'eu-west-1': 2 });

    const hub = track(new SecurityHubClient(emulator.clientConfig({ credentials: session })));
    const guardDuty = await hub.send(
      new GetFindingsCommand({ Filters: { ProductName: [{ Value: 'GuardDuty', Comparison: 'EQUALS' }] } }),
    );
    expect(guardDuty.Findings).toHaveLength(15);
    const failedControls = await hub.send(
      new GetFindingsCommand({
        Filters: {
          GeneratorId: [{ Value: 'security-control/', Comparison: 'PREFIX' }],
          ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }],
        },
      }),
    );
    expect(failedControls.Findings?.map((finding) => finding.Compliance?.SecurityControlId).sort()).toEqual([
      'EC2.19',
      'EC2.19',
      'EC2.2',
      'IAM.6',
      'RDS.3',
      'S3.1',
      'S3.8',
    ]);
  });

  it('requires the demo ExternalId and keeps the demo role read-mostly', async () => {
    expect((await errorOf(assumeDemoRole(DEMO_ROLE_ARN, 'guessed-external-id'))).name).toBe('AccessDenied');
    const hub = track(new SecurityHubClient(emulator.clientConfig({ credentials: session, maxAttempts: 1 })));
    const [finding] = emulator.admin.listFindings(DEMO_ACCOUNT, 'us-east-1');
    expect((await errorOf(hub.send(new BatchImportFindingsCommand({ Findings: [finding] })))).name).toBe(
      'AccessDeniedException',
    );
    // The platform user itself may only assume roles.
    const platformHub = track(new SecurityHubClient(emulator.clientConfig({ maxAttempts: 1 })));
    expect((await errorOf(platformHub.send(new GetFindingsCommand({})))).name).toBe('AccessDeniedException');
  });

  it('rebases demo timestamps so the data is recent', async () => {
    const events = await lookupAll({});
    const newest = events[0].EventTime?.getTime() ?? 0;
    expect(Date.now() - newest).toBeLessThan(2 * 60 * 60 * 1000);
    expect(Date.now() - newest).toBeGreaterThan(0);
  });

  it('looks events up by Username, AccessKeyId, EventName and ResourceName, newest first', async () => {
    const byUser = await lookupAll({
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'ci-deployer' }],
    });
    expect(byUser.map((event) => event.EventName)).toEqual([
      'GetBucketPolicy',
      'GetBucketAcl',
      'GetAccountAuthorizationDetails',
      'DescribeInstances',
      'RunInstances',
    ]);
    const record = JSON.parse(byUser[0].CloudTrailEvent ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({
      eventName: 'GetBucketPolicy',
      sourceIPAddress: '185.220.101.45',
      userIdentity: { type: 'IAMUser', userName: 'ci-deployer' },
    });
    expect(byUser[0].Resources).toEqual([
      { ResourceType: 'AWS::S3::Bucket', ResourceName: 'acme-demo-customer-exports' },
    ]);

    const byKey = await lookupAll({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: 'ASIAQ3EGWZJ5T7XKM2PB' }],
    });
    expect(byKey).toHaveLength(4);
    expect(byKey.every((event) => event.Username === 'i-0a1b2c3d4e5f60718')).toBe(true);
    const byName = await lookupAll({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ListBuckets' }],
    });
    expect(byName).toHaveLength(3);
    const byResource = await lookupAll({
      LookupAttributes: [
        { AttributeKey: 'ResourceName', AttributeValue: `arn:aws:iam::${DEMO_ACCOUNT}:role/SieveReadOnly` },
      ],
    });
    expect(byResource.map((event) => event.EventName)).toEqual(['AssumeRole']);
  });

  it('limits by StartTime/EndTime and paginates with NextToken exactly once per event', async () => {
    const all = await lookupAll({});
    expect(all).toHaveLength(16);
    const paged = await lookupAll({ MaxResults: 3 });
    expect(paged.map((event) => event.EventId)).toEqual(all.map((event) => event.EventId));

    const [newest, second] = all;
    const window = await lookupAll({ StartTime: second.EventTime, EndTime: newest.EventTime });
    expect(window.map((event) => event.EventId)).toEqual([newest.EventId, second.EventId]);
    expect(await lookupAll({}, trail(session, 'eu-west-1'))).toHaveLength(2);
  });

  it('refuses what CloudTrail refuses', async () => {
    const client = trail();
    expect((await errorOf(client.send(new LookupEventsCommand({ MaxResults: 51 })))).name).toBe(
      'InvalidMaxResultsException',
    );
    const twoAttributes = new LookupEventsCommand({
      LookupAttributes: [
        { AttributeKey: 'Username', AttributeValue: 'alice' },
        { AttributeKey: 'EventName', AttributeValue: 'ListBuckets' },
      ],
    });
    expect((await errorOf(client.send(twoAttributes))).name).toBe('InvalidLookupAttributesException');
    const reversed = new LookupEventsCommand({
      StartTime: new Date(),
      EndTime: new Date(Date.now() - 60_000),
    });
    expect((await errorOf(client.send(reversed))).name).toBe('InvalidTimeRangeException');
  });

  it("keeps each account's events to itself (account registered through the admin API)", async () => {
    emulator.admin.registerAccount({
      accountId: SECOND_ACCOUNT,
      roles: [
        {
          roleName: 'SieveReadOnly',
          trustPolicy: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:root' },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': 'second-tenant-external-id-0000000000' } },
              },
            ],
          },
        },
      ],
    });
    const second = await assumeDemoRole(
      `arn:aws:iam::${SECOND_ACCOUNT}:role/SieveReadOnly`,
      'second-tenant-external-id-0000000000',
    );
    expect(await lookupAll({}, trail(second))).toEqual([]);
  });
});
