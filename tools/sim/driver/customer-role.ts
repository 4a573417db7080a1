import type { RunningAwsEmulator } from '../../../apps/aws-emulator/src/index.js';

/**
 * The customer's side of onboarding, in the AWS emulator: the account, and the role Sieve's CloudFormation
 * template creates, trusting the platform principal with the tenant's ExternalId (both as startAwsOnboarding
 * gave them). Answers the role ARN, the stack's RoleArn output.
 */
export function deployCustomerRole(
  emulator: RunningAwsEmulator,
  accountId: string,
  onboarding: { externalId: string; platformPrincipalArn: string },
): string {
  emulator.admin.registerAccount({ accountId, regions: { 'us-east-1': { findings: [] } } });
  return emulator.admin.registerRole(accountId, {
    roleName: 'SieveIncidentResponse',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: onboarding.platformPrincipalArn },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': onboarding.externalId } },
        },
      ],
    },
    permissions: ['securityhub:GetFindings', 'securityhub:BatchUpdateFindings', 'cloudtrail:LookupEvents'],
  }).arn;
}
