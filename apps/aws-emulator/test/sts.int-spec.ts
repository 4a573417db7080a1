import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startAwsEmulator, type RunningAwsEmulator } from '../src/index.js';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  assumeRole,
  errorOf,
  EXTERNAL_ID_A,
  OTHER_USER,
  PLATFORM_ACCOUNT,
  PLATFORM_USER,
  roleArn,
  testSeed,
} from './emulator-fixture.js';

describe('aws-emulator STS (real @aws-sdk/client-sts)', () => {
  let emulator: RunningAwsEmulator;
  let sts: STSClient;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ port: 0, seed: testSeed() });
    sts = new STSClient(emulator.clientConfig({ credentials: PLATFORM_USER }));
  });
  afterAll(async () => {
    sts.destroy();
    await emulator.close();
  });

  const assume = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(ACCOUNT_A),
        RoleSessionName: 'sieve-test',
        ExternalId: EXTERNAL_ID_A,
        ...input,
      }),
    );

  it('issues temporary credentials for a trusted caller with the right ExternalId', async () => {
    const before = Date.now();
    const result = await assume();
    expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(result.Credentials?.SecretAccessKey).toBeTruthy();
    expect(result.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    const expiresIn = (result.Credentials?.Expiration?.getTime() ?? 0) - before;
    // Expirations are whole seconds, so allow a second of rounding on top of the hour.
    expect(expiresIn).toBeGreaterThan(3590_000);
    expect(expiresIn).toBeLessThanOrEqual(3601_000);
    expect(result.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT_A}:assumed-role/SieveReadOnly/sieve-test`,
    );
    expect(result.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:sieve-test$/);
  });

  it.each([
    ['a wrong ExternalId', { ExternalId: 'wrong-external-id-000000000000000000' }],
    ['no ExternalId', { ExternalId: undefined }],
    ["another tenant's ExternalId on its role", { RoleArn: roleArn(ACCOUNT_B) }],
    ['a role that does not exist', { RoleArn: roleArn(ACCOUNT_A, 'Missing') }],
  ])('denies AssumeRole with %s as AccessDenied', async (_, input) => {
    const error = await errorOf(assume(input));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).toContain(`arn:aws:iam::${PLATFORM_ACCOUNT}:user/sieve-platform is not authorized`);
  });

  it('denies a principal the trust policy does not name', async () => {
    const intruder = new STSClient(emulator.clientConfig({ credentials: OTHER_USER }));
    try {
      const error = await errorOf(
        intruder.send(
          new AssumeRoleCommand({
            RoleArn: roleArn(ACCOUNT_A),
            RoleSessionName: 'intruder',
            ExternalId: EXTERNAL_ID_A,
          }),
        ),
      );
      expect(error.name).toBe('AccessDenied');
    } finally {
      intruder.destroy();
    }
  });

  it('trusts every principal of an account named by id, without ExternalId when none is required', async () => {
    const intruder = new STSClient(emulator.clientConfig({ credentials: OTHER_USER }));
    try {
      const result = await intruder.send(
        new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNT_A, 'NoExternalId'), RoleSessionName: 'any' }),
      );
      expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    } finally {
      intruder.destroy();
    }
  });

  it('honours DurationSeconds between 900 and the role MaxSessionDuration', async () => {
    const short = await assume({ DurationSeconds: 900 });
    const shortLeft = (short.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(shortLeft).toBeGreaterThan(890_000);
    expect(shortLeft).toBeLessThanOrEqual(900_000);
    const long = await assume({ DurationSeconds: 7200 });
    expect((long.Credentials?.Expiration?.getTime() ?? 0) - Date.now()).toBeGreaterThan(7190_000);

    const tooShort = await errorOf(assume({ DurationSeconds: 899 }));
    expect(tooShort.name).toBe('ValidationError');
    expect(tooShort.$metadata?.httpStatusCode).toBe(400);
    const tooLong = await errorOf(assume({ DurationSeconds: 7201 }));
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.message).toContain('MaxSessionDuration');
  });

  it('validates RoleSessionName as AWS does', async () => {
    const error = await errorOf(assume({ RoleSessionName: 'has spaces' }));
    expect(error.name).toBe('ValidationError');
  });

  it('answers GetCallerIdentity for the platform user and for an assumed role', async () => {
    const platform = await sts.send(new GetCallerIdentityCommand({}));
    expect(platform).toMatchObject({
      Account: PLATFORM_ACCOUNT,
      Arn: `arn:aws:iam::${PLATFORM_ACCOUNT}:user/sieve-platform`,
    });
    expect(platform.UserId).toMatch(/^AIDA/);

    const credentials = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    const roleSts = new STSClient(emulator.clientConfig({ credentials }));
    try {
      const identity = await roleSts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe(ACCOUNT_A);
      expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT_A}:assumed-role/SieveReadOnly/emulator-test`);
      expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:emulator-test$/);
    } finally {
      roleSts.destroy();
    }
  });

  it('lets a role session assume a role that trusts its role, capped at one hour', async () => {
    const credentials = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    const chained = new STSClient(emulator.clientConfig({ credentials }));
    const chain = (input: { RoleArn: string; DurationSeconds?: number }) =>
      chained.send(new AssumeRoleCommand({ RoleSessionName: 'chained', ...input }));
    try {
      const result = await chain({ RoleArn: roleArn(ACCOUNT_B, 'Chained'), DurationSeconds: 3600 });
      expect(result.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_B}:assumed-role/Chained/chained`);

      const tooLong = await errorOf(chain({ RoleArn: roleArn(ACCOUNT_B, 'Chained'), DurationSeconds: 7200 }));
      expect(tooLong.name).toBe('ValidationError');
      expect(tooLong.message).toContain('role chaining');

      // NoExternalId trusts principals of the platform account, not sessions in account A.
      const untrusted = await errorOf(chain({ RoleArn: roleArn(ACCOUNT_A, 'NoExternalId') }));
      expect(untrusted.name).toBe('AccessDenied');
    } finally {
      chained.destroy();
    }
  });
});
