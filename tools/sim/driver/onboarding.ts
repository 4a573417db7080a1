import type { RunningAwsEmulator } from '../../../apps/aws-emulator/src/index.js';
import type { TenantWorld } from '../scenario/world.js';
import { deployCustomerRole } from './customer-role.js';
import { graphql } from './graphql-client.js';
import { operatorCli } from './operator-cli.js';

/** The people the simulator acts as: the platform admin who onboards, and the MSSP analyst who triages. */
export interface SimPeople {
  platformEmail: string;
  platformToken: string;
  analystUserId: string;
  analystToken: string;
}

/** A tenant as the simulator drives it. */
export interface SimTenant {
  world: TenantWorld;
  id: string;
  /** The platform admin acting in this tenant. */
  adminToken: string;
  /** The EventBridge API destination's key (scope INGEST). */
  ingestKey: string;
}

const TOKEN_TTL_S = String(24 * 3600);

/** Creates the platform admin and the MSSP analyst with the operator CLI, and mints their tokens. */
export async function createPeople(cliEnv: Readonly<Record<string, string>>): Promise<SimPeople> {
  const platformEmail = 'platform-admin@sim.sieve.example';
  const analystEmail = 'mssp-analyst@sim.sieve.example';
  const [, analyst] = (await Promise.all([
    operatorCli(cliEnv, [
      'create-user',
      '--email',
      platformEmail,
      '--name',
      'Simulated platform admin',
      '--platform-role',
      'PLATFORM_ADMIN',
    ]),
    operatorCli(cliEnv, [
      'create-user',
      '--email',
      analystEmail,
      '--name',
      'Simulated MSSP analyst',
      '--platform-role',
      'MSSP_ANALYST',
    ]),
  ])) as [unknown, { userId: string }];
  const [platform, analystToken] = (await Promise.all([
    operatorCli(cliEnv, ['token', '--email', platformEmail, '--ttl', TOKEN_TTL_S]),
    operatorCli(cliEnv, ['token', '--email', analystEmail, '--ttl', TOKEN_TTL_S]),
  ])) as { token: string }[];
  return {
    platformEmail,
    platformToken: platform.token,
    analystUserId: analyst.userId,
    analystToken: analystToken.token,
  };
}

/**
 * Onboards a tenant the way a customer and the platform do it: createTenant (with the pooling opt-ins), an
 * ingest API key for the EventBridge API destination, startAwsOnboarding for the ExternalId, the customer's
 * CloudFormation role deployed in the AWS emulator with it, and registerAwsAccount, which assumes the role.
 */
export async function onboardTenant(
  apiUrl: string,
  cliEnv: Readonly<Record<string, string>>,
  emulator: RunningAwsEmulator,
  people: SimPeople,
  world: TenantWorld,
): Promise<SimTenant> {
  const { createTenant } = await graphql<{ createTenant: { id: string } }>(
    apiUrl,
    people.platformToken,
    `
      mutation ($input: CreateTenantInput!) {
        createTenant(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        slug: world.slug,
        name: `${world.slug} (simulated ${world.label})`,
        timeZone: 'UTC',
        contractTier: 'STANDARD',
        poolContribute: true,
        poolConsume: true,
      },
    },
  );
  const { token: adminToken } = (await operatorCli(cliEnv, [
    'token',
    '--email',
    people.platformEmail,
    '--tenant',
    world.slug,
    '--ttl',
    TOKEN_TTL_S,
  ])) as { token: string };
  const { createApiKey } = await graphql<{ createApiKey: { secret: string } }>(
    apiUrl,
    adminToken,
    `
      mutation ($input: CreateApiKeyInput!) {
        createApiKey(input: $input) {
          secret
        }
      }
    `,
    { input: { name: 'eventbridge-api-destination', scopes: ['INGEST'] } },
  );
  const { startAwsOnboarding } = await graphql<{
    startAwsOnboarding: { externalId: string; platformPrincipalArn: string };
  }>(
    apiUrl,
    adminToken,
    `
      mutation {
        startAwsOnboarding {
          externalId
          platformPrincipalArn
        }
      }
    `,
  );
  const roleArn = deployCustomerRole(emulator, world.accountId, startAwsOnboarding);
  await graphql(
    apiUrl,
    adminToken,
    `
      mutation ($input: RegisterAwsAccountInput!) {
        registerAwsAccount(input: $input) {
          id
          status
        }
      }
    `,
    { input: { accountId: world.accountId, regions: [world.region], roleArn } },
  );
  return { world, id: createTenant.id, adminToken, ingestKey: createApiKey.secret };
}

/** The MSSP analyst works every simulated tenant (the platform admin assigns them). */
export async function assignAnalyst(
  apiUrl: string,
  people: SimPeople,
  tenants: readonly SimTenant[],
): Promise<void> {
  await graphql(
    apiUrl,
    people.platformToken,
    `
      mutation ($input: AssignAnalystTenantsInput!) {
        assignAnalystTenants(input: $input) {
          tenantIds
        }
      }
    `,
    { input: { userId: people.analystUserId, tenantIds: tenants.map((t) => t.id) } },
  );
}
