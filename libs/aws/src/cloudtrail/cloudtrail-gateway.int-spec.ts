import { startAwsEmulator, type RunningAwsEmulator } from '../../../../apps/aws-emulator/src/index.js';
import type { SeedTrailEvent } from '../../../../apps/aws-emulator/src/index.js';
import type { AwsRegionTarget } from '../aws-target.js';
import { CredentialBroker } from '../broker/credential-broker.js';
import { AwsAccessException } from '../errors/aws-access.exception.js';
import { RoleClients } from '../role-clients.js';
import {
  type AwsClientsTestContext,
  createAwsClientsTestModule,
  DEMO_TARGET,
} from '../testing/aws-clients.fixture.js';
import { CloudTrailGateway } from './cloudtrail-gateway.js';
import { CloudTrailLookupException } from './cloudtrail-lookup.exception.js';

const KEY = 'AKIAQ3EGWZJ5GATEWAY1';
const MINUTE = 60_000;

/** A management event of the IAM user `gw-user` with KEY, `minutesAgo` before now. */
function trailEvent(n: number, minutesAgo: number, extra: Record<string, unknown> = {}): SeedTrailEvent {
  return {
    record: {
      eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      eventTime: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      readOnly: true,
      awsRegion: 'us-west-2',
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.15.30 Python/3.11.8',
      userIdentity: {
        type: 'IAMUser',
        userName: 'gw-user',
        accessKeyId: KEY,
        arn: `arn:aws:iam::${DEMO_TARGET.accountId}:user/gw-user`,
      },
      ...extra,
    },
  };
}

describe('CloudTrailGateway against the AWS emulator', () => {
  let emulator: RunningAwsEmulator;
  const contexts: AwsClientsTestContext[] = [];
  const target: AwsRegionTarget = { ...DEMO_TARGET, region: 'us-west-2' };
  const window = () => ({ startTime: new Date(Date.now() - 60 * MINUTE), endTime: new Date() });

  const start = async () => {
    const context = await createAwsClientsTestModule(emulator);
    contexts.push(context);
    const gateway = new CloudTrailGateway(
      context.module.get(RoleClients),
      context.module.get(CredentialBroker),
    );
    return { gateway, health: context.health };
  };

  beforeAll(async () => {
    emulator = await startAwsEmulator({ port: 0 });
  });
  beforeEach(() => emulator.admin.reset());
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.module.close()));
  });
  afterAll(() => emulator.close());

  it("returns a principal's events in the window, newest first, with the record's caller and error", async () => {
    emulator.admin.injectCloudTrailEvents(target.accountId, target.region, [
      trailEvent(1, 30),
      trailEvent(2, 10, { eventName: 'GetObject', readOnly: true, errorCode: 'AccessDenied' }),
      trailEvent(3, 90), // before the window
      trailEvent(4, 5, {
        userIdentity: { type: 'IAMUser', userName: 'other', accessKeyId: 'AKIAQ3EGWZJ5OTHER001' },
      }),
    ]);
    const { gateway } = await start();

    const result = await gateway.lookupEvents(target, {
      ...window(),
      attribute: { key: 'AccessKeyId', value: KEY },
    });

    expect(result.truncated).toBe(false);
    expect(result.events).toEqual([
      {
        eventId: expect.stringMatching(/2$/),
        eventName: 'GetObject',
        eventSource: 's3.amazonaws.com',
        eventTime: expect.any(Date),
        readOnly: true,
        username: 'gw-user',
        accessKeyId: KEY,
        sourceIpAddress: '198.51.100.7',
        userAgent: 'aws-cli/2.15.30 Python/3.11.8',
        errorCode: 'AccessDenied',
        awsRegion: 'us-west-2',
      },
      expect.objectContaining({ eventId: expect.stringMatching(/1$/), eventName: 'ListBuckets' }),
    ]);
    const byUser = await gateway.lookupEvents(target, {
      ...window(),
      attribute: { key: 'Username', value: 'other' },
    });
    expect(byUser.events.map((e) => e.accessKeyId)).toEqual(['AKIAQ3EGWZJ5OTHER001']);
  });

  it('follows NextToken page by page up to maxEvents and says when it stopped short', async () => {
    emulator.admin.injectCloudTrailEvents(
      target.accountId,
      target.region,
      Array.from({ length: 120 }, (_, n) => trailEvent(n, 1 + n / 10)),
    );
    const { gateway } = await start();
    const query = { ...window(), attribute: { key: 'AccessKeyId' as const, value: KEY } };

    const first100 = await gateway.lookupEvents(target, { ...query, maxEvents: 100 });
    expect(first100.events).toHaveLength(100);
    expect(first100.truncated).toBe(true);
    expect(emulator.admin.counters().byOperation.LookupEvents).toBe(2);

    const all = await gateway.lookupEvents(target, { ...query, maxEvents: 500 });
    expect(all.events).toHaveLength(120);
    expect(new Set(all.events.map((e) => e.eventId)).size).toBe(120);
    expect(all.truncated).toBe(false);
    const times = all.events.map((e) => e.eventTime.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  }, 20_000);

  it('refuses with the reason when the role lacks cloudtrail:LookupEvents, without degrading the account', async () => {
    const roleArn = emulator.admin.registerRole(target.accountId, {
      roleName: 'SieveWithoutCloudTrail',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:user/sieve-platform' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': target.externalId } },
          },
        ],
      },
      permissions: ['securityhub:GetFindings'],
    }).arn;
    const { gateway, health } = await start();

    const refused = await gateway.lookupEvents({ ...target, roleArn }, window()).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(AwsAccessException);
    expect((refused as Error).message).toBe(
      `The role ${roleArn} lacks cloudtrail:LookupEvents: add it to the role's permissions (Sieve's CloudFormation template grants it)`,
    );
    expect(health.degraded).toEqual([]);
  });

  it('assumes the role again once when its session was revoked', async () => {
    emulator.admin.injectCloudTrailEvents(target.accountId, target.region, [trailEvent(1, 3)]);
    const { gateway } = await start();
    await gateway.lookupEvents(target, window());
    emulator.admin.expireCredentials(target.accountId);

    const again = await gateway.lookupEvents(target, window());

    expect(again.events).toHaveLength(1);
    expect(emulator.admin.counters().outcomes.AssumeRole).toEqual({ OK: 2 });
  });

  // Before a slower test: the emulator's delayed answer must not outlive the file.
  it('gives up when the caller aborts', async () => {
    emulator.admin.setFaults({ latencyMs: 2_000, operations: ['LookupEvents'] });
    const { gateway } = await start();
    const started = Date.now();

    const aborted = await gateway
      .lookupEvents(target, { ...window(), abortSignal: AbortSignal.timeout(300) })
      .catch((e: unknown) => e);

    expect(aborted).toBeInstanceOf(CloudTrailLookupException);
    expect((aborted as Error).message).toMatch(/abandoned by the caller$/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
  it('names the AWS error, not its message, when CloudTrail keeps failing', async () => {
    emulator.admin.setFaults({ serverErrorRatio: 1, operations: ['LookupEvents'] });
    const { gateway } = await start();

    const failed = await gateway.lookupEvents(target, window()).catch((e: unknown) => e);

    expect(failed).toBeInstanceOf(CloudTrailLookupException);
    expect(failed).toMatchObject({
      awsCode: 'InternalFailure',
      message: `CloudTrail LookupEvents in ${target.accountId}/us-west-2: AWS could not answer cloudtrail:LookupEvents (InternalFailure); Sieve retries later`,
    });
  }, 20_000);
});
