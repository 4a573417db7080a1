import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AsffFinding, AwsCredentials, RunningAwsEmulator, Seed } from '../src/index.js';

/** A small world for the emulator's own tests: throttling off unless a test turns it on. */
export const PLATFORM_ACCOUNT = '111111111111';
export const ACCOUNT_A = '222222222222';
export const ACCOUNT_B = '333333333333';
export const EXTERNAL_ID_A = 'external-id-a-5d8f2c9e7b4a1f3e6c0d9b8a7f6e5d4c';
export const EXTERNAL_ID_B = 'external-id-b-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const PLATFORM_USER = {
  userName: 'sieve-platform',
  accessKeyId: 'AKIATESTPLATFORM0001',
  secretAccessKey: 'testPlatformSecretAccessKey0000000000000',
};
export const OTHER_USER = {
  userName: 'intruder',
  accessKeyId: 'AKIATESTINTRUDER0001',
  secretAccessKey: 'testIntruderSecretAccessKey0000000000000',
};

export const roleArn = (accountId: string, roleName = 'SieveReadOnly'): string =>
  `arn:aws:iam::${accountId}:role/${roleName}`;

const trustPlatform = (externalId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow' as const,
      Principal: { AWS: `arn:aws:iam::${PLATFORM_ACCOUNT}:user/${PLATFORM_USER.userName}` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': externalId } },
    },
  ],
});

export function testSeed(): Seed {
  return {
    accounts: [
      { accountId: PLATFORM_ACCOUNT, users: [PLATFORM_USER, OTHER_USER] },
      {
        accountId: ACCOUNT_A,
        roles: [
          { roleName: 'SieveReadOnly', trustPolicy: trustPlatform(EXTERNAL_ID_A), maxSessionDuration: 7200 },
          {
            roleName: 'NoExternalId',
            trustPolicy: JSON.stringify({
              Version: '2012-10-17',
              Statement: { Effect: 'Allow', Principal: { AWS: PLATFORM_ACCOUNT }, Action: 'sts:AssumeRole' },
            }),
          },
          {
            roleName: 'ReadOnlyNoWrite',
            trustPolicy: trustPlatform(EXTERNAL_ID_A),
            permissions: ['securityhub:Get*', 'cloudtrail:LookupEvents'],
          },
        ],
        regions: { 'us-east-1': { findings: [makeFinding(ACCOUNT_A, 'us-east-1', 0)] } },
      },
      {
        accountId: ACCOUNT_B,
        roles: [
          { roleName: 'SieveReadOnly', trustPolicy: trustPlatform(EXTERNAL_ID_B) },
          {
            // Trusts sessions of account A's SieveReadOnly: reachable only by role chaining.
            roleName: 'Chained',
            maxSessionDuration: 7200,
            trustPolicy: {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: roleArn(ACCOUNT_A) }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        ],
        regions: { 'us-east-1': { findings: [makeFinding(ACCOUNT_B, 'us-east-1', 0)] } },
      },
    ],
    throttling: {
      GetFindings: null,
      BatchImportFindings: null,
      BatchUpdateFindings: null,
      LookupEvents: null,
    },
  };
}

/** A valid custom-product finding; `index` makes Id, title and timestamps distinct. */
export function makeFinding(
  accountId: string,
  region: string,
  index: number,
  overrides: Partial<AsffFinding> = {},
): AsffFinding {
  const time = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: `finding-${accountId}-${region}-${String(index).padStart(4, '0')}`,
    ProductArn: `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`,
    GeneratorId: 'emulator-test',
    AwsAccountId: accountId,
    CreatedAt: time,
    UpdatedAt: time,
    Title: `Test finding ${index}`,
    Description: 'A finding made by the emulator tests',
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    Severity: { Label: 'LOW' },
    Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:${region}:${accountId}:instance/i-${index}` }],
    ...overrides,
  };
}

/** Real STS AssumeRole through the SDK, as the platform user. */
export async function assumeRole(
  emulator: RunningAwsEmulator,
  accountId: string,
  externalId: string,
  options: { roleName?: string; region?: string } = {},
): Promise<AwsCredentials> {
  const sts = new STSClient(emulator.clientConfig({ credentials: PLATFORM_USER, region: options.region }));
  try {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(accountId, options.roleName),
        RoleSessionName: 'emulator-test',
        ExternalId: externalId,
      }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken) {
      throw new Error('AssumeRole returned no credentials');
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  } finally {
    sts.destroy();
  }
}

/** Catches the error a promise rejects with, so tests can assert on its name and metadata. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
