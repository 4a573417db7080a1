import { randomBytes } from 'node:crypto';
import type { RunningAwsEmulator } from '../apps/aws-emulator/src/index.js';

/** The platform user of the emulator's default seed (apps/aws-emulator/seed). */
const PLATFORM_ARN = 'arn:aws:iam::111122223333:user/sieve-platform';

/** A bench tenant's AWS side: the account and the customer role trusting the platform with an ExternalId. */
export interface BenchAwsAccount {
  accountId: string;
  roleArn: string;
  externalId: string;
}

/**
 * Registers the account and the role the customer's CloudFormation stack would create, so that the worker's
 * writeback (STS AssumeRole, then BatchUpdateFindings) runs for real during the benchmark.
 */
export function deployBenchRole(emulator: RunningAwsEmulator, accountId: string): BenchAwsAccount {
  const externalId = randomBytes(24).toString('base64url');
  emulator.admin.registerAccount({ accountId, regions: { 'us-east-1': { findings: [] } } });
  const roleArn = emulator.admin.registerRole(accountId, {
    roleName: 'SieveIncidentResponse',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: PLATFORM_ARN },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': externalId } },
        },
      ],
    },
    permissions: ['securityhub:GetFindings', 'securityhub:BatchUpdateFindings', 'cloudtrail:LookupEvents'],
  }).arn;
  return { accountId, roleArn, externalId };
}

/** What the API and worker need to reach the emulator as the platform. */
export function emulatorEnv(emulator: RunningAwsEmulator): Record<string, string> {
  const credentials = emulator.userCredentials();
  return {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_PLATFORM_PRINCIPAL_ARN: PLATFORM_ARN,
  };
}
