/**
 * The emulator's demo customer account (apps/aws-emulator/seed/demo.json): its role trusts the platform
 * user with the demo tenant's ExternalId, which seed-demo sets to the same value.
 */
export const DEMO_AWS_ACCOUNT = {
  accountId: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/SieveReadOnly',
  regions: ['us-east-1', 'eu-west-1'],
} as const;

const REGISTER = `mutation ($input: RegisterAwsAccountInput!) {
  registerAwsAccount(input: $input) { accountId status }
}`;

/**
 * Connects the demo AWS account through the public API, as a tenant admin would after deploying the
 * role. Returns a line for the log; a failure is reported, not fatal: the rest of Sieve still runs.
 */
export async function connectDemoAwsAccount(apiBaseUrl: string, adminToken: string): Promise<string> {
  try {
    const response = await fetch(`${apiBaseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: REGISTER, variables: { input: DEMO_AWS_ACCOUNT } }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as {
      data?: { registerAwsAccount?: { status: string } } | null;
      errors?: { message: string }[];
    };
    const status = body.data?.registerAwsAccount?.status;
    if (status) return `demo AWS account ${DEMO_AWS_ACCOUNT.accountId} connected: ${status}`;
    return `demo AWS account ${DEMO_AWS_ACCOUNT.accountId} not connected: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`;
  } catch (error) {
    return `demo AWS account ${DEMO_AWS_ACCOUNT.accountId} not connected: ${(error as Error).message}`;
  }
}
