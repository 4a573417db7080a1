import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startAwsEmulator, type AwsCredentials, type RunningAwsEmulator } from '../src/index.js';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  assumeRole,
  errorOf,
  EXTERNAL_ID_A,
  EXTERNAL_ID_B,
  testSeed,
} from './emulator-fixture.js';

describe('aws-emulator throttling, faults and counters (real SDK clients)', () => {
  let emulator: RunningAwsEmulator;
  let sessionA: AwsCredentials;
  let sessionB: AwsCredentials;
  const clients: { destroy(): void }[] = [];
  const hub = (credentials: AwsCredentials, options: { region?: string; maxAttempts?: number } = {}) => {
    const client = new SecurityHubClient(emulator.clientConfig({ credentials, maxAttempts: 1, ...options }));
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    emulator = await startAwsEmulator({ port: 0, seed: testSeed() });
    sessionA = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    sessionB = await assumeRole(emulator, ACCOUNT_B, EXTERNAL_ID_B);
    emulator.admin.resetCounters();
  });
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator.close();
  });

  it('throttles GetFindings per account and region with a token bucket (429 TooManyRequestsException)', async () => {
    emulator.admin.setThrottling({ GetFindings: { ratePerSecond: 2, burst: 2 } });
    const client = hub(sessionA);
    await client.send(new GetFindingsCommand({}));
    await client.send(new GetFindingsCommand({}));
    const error = await errorOf(client.send(new GetFindingsCommand({})));
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.$metadata?.httpStatusCode).toBe(429);

    // Other buckets are untouched: another account, another region, another operation.
    await hub(sessionB).send(new GetFindingsCommand({}));
    await hub(sessionA, { region: 'eu-west-1' }).send(new GetFindingsCommand({}));
    const [finding] = emulator.admin.listFindings(ACCOUNT_A, 'us-east-1');
    await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: finding.Id, ProductArn: finding.ProductArn }],
        Workflow: { Status: 'NOTIFIED' },
      }),
    );

    // Tokens come back at the configured rate.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await client.send(new GetFindingsCommand({}));
    expect(emulator.admin.counters().outcomes.GetFindings).toEqual({ OK: 5, TooManyRequestsException: 1 });
  });

  it('uses AWS published rates unless the seed overrides them', async () => {
    const seed = testSeed();
    delete seed.throttling;
    const realistic = await startAwsEmulator({ port: 0, seed });
    try {
      expect(realistic.admin.summary().throttling).toMatchObject({
        GetFindings: { ratePerSecond: 3, burst: 6 },
        BatchImportFindings: { ratePerSecond: 10, burst: 30 },
        BatchUpdateFindings: { ratePerSecond: 10, burst: 30 },
      });
      const session = await assumeRole(realistic, ACCOUNT_A, EXTERNAL_ID_A);
      const client = new SecurityHubClient(realistic.clientConfig({ credentials: session, maxAttempts: 1 }));
      clients.push(client);
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => client.send(new GetFindingsCommand({}))),
      );
      // A burst of 6 passes; the other two arrive within milliseconds, long before a token is back.
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(6);
    } finally {
      await realistic.close();
    }
  });

  it('throttles CloudTrail LookupEvents as ThrottlingException', async () => {
    emulator.admin.setThrottling({ LookupEvents: { ratePerSecond: 1, burst: 1 } });
    const client = new CloudTrailClient(emulator.clientConfig({ credentials: sessionA, maxAttempts: 1 }));
    clients.push(client);
    await client.send(new LookupEventsCommand({}));
    expect((await errorOf(client.send(new LookupEventsCommand({})))).name).toBe('ThrottlingException');
  });

  it('throttle fault: fails without retries, succeeds with the SDK default retries', async () => {
    emulator.admin.setFaults({ throttleRatio: 0.5, operations: ['GetFindings'] });
    const error = await errorOf(hub(sessionA).send(new GetFindingsCommand({})));
    expect(error.name).toBe('TooManyRequestsException');

    emulator.admin.setFaults({ throttleRatio: 0.5, operations: ['GetFindings'] });
    emulator.admin.resetCounters();
    const retrying = new SecurityHubClient(emulator.clientConfig({ credentials: sessionA }));
    clients.push(retrying);
    const result = await retrying.send(new GetFindingsCommand({}));
    expect(result.Findings).toHaveLength(1);
    expect(result.$metadata.attempts).toBe(2);
    expect(emulator.admin.counters().outcomes.GetFindings).toEqual({ TooManyRequestsException: 1, OK: 1 });
  });

  it('server error fault answers InternalException or ServiceUnavailable, and the SDK retries it', async () => {
    emulator.admin.setFaults({ serverErrorRatio: 1 });
    const internal = await errorOf(hub(sessionA).send(new GetFindingsCommand({})));
    expect(internal.name).toBe('InternalException');
    expect(internal.$metadata?.httpStatusCode).toBe(500);

    emulator.admin.setFaults({ serverErrorRatio: 1, serverErrorStatus: 503 });
    const unavailable = await errorOf(hub(sessionA).send(new GetFindingsCommand({})));
    expect(unavailable.name).toBe('ServiceUnavailable');
    expect(unavailable.$metadata?.httpStatusCode).toBe(503);

    emulator.admin.setFaults({ serverErrorRatio: 0.5 });
    const result = await hub(sessionA, { maxAttempts: 3 }).send(new GetFindingsCommand({}));
    expect(result.$metadata.attempts).toBe(2);
  });

  it('faults can be scoped to an account, and reset', async () => {
    emulator.admin.setFaults({ throttleRatio: 1, accountIds: [ACCOUNT_B] });
    await hub(sessionA).send(new GetFindingsCommand({}));
    expect((await errorOf(hub(sessionB).send(new GetFindingsCommand({})))).name).toBe(
      'TooManyRequestsException',
    );
    emulator.admin.resetFaults();
    await hub(sessionB).send(new GetFindingsCommand({}));
  });

  it('adds latency to the chosen operations only', async () => {
    emulator.admin.setFaults({ latencyMs: 300, operations: ['GetFindings'] });
    const sts = new STSClient(emulator.clientConfig({ credentials: sessionA }));
    clients.push(sts);
    await sts.send(new GetCallerIdentityCommand({})); // warm the connection
    const startedAt = Date.now();
    await hub(sessionA).send(new GetFindingsCommand({}));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    const stsStartedAt = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - stsStartedAt).toBeLessThan(290);
  });

  it('counts requests per operation, per account and per second', async () => {
    const before = Math.floor(Date.now() / 1000);
    await hub(sessionA).send(new GetFindingsCommand({}));
    await hub(sessionA).send(new GetFindingsCommand({}));
    await hub(sessionB).send(new GetFindingsCommand({}));
    await errorOf(
      hub({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) }).send(
        new GetFindingsCommand({}),
      ),
    );
    const counters = emulator.admin.counters();
    expect(counters.total).toBe(4);
    expect(counters.byOperation).toEqual({ GetFindings: 4 });
    expect(counters.byAccount).toEqual({
      [ACCOUNT_A]: { GetFindings: 2 },
      [ACCOUNT_B]: { GetFindings: 1 },
      unauthenticated: { GetFindings: 1 },
    });
    expect(counters.outcomes.GetFindings).toEqual({ OK: 3, UnrecognizedClientException: 1 });
    const seconds = Object.keys(counters.perSecond.GetFindings).map(Number);
    expect(seconds.every((second) => second >= before && second <= before + 2)).toBe(true);
    expect(Object.values(counters.perSecond.GetFindings).reduce((sum, count) => sum + count, 0)).toBe(4);
    expect(counters.peakPerSecond.GetFindings).toBeGreaterThanOrEqual(2);
    expect(counters.recent.map((entry) => entry.region)).toEqual([
      'us-east-1',
      'us-east-1',
      'us-east-1',
      undefined,
    ]);
  });
});
