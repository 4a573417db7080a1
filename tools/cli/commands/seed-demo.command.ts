import type { INestApplicationContext } from '@nestjs/common';
import { TokenIssuer } from '@sieve/auth';
import { ApiKeyScope, PlatformRole, type SystemActor, TenantRole, UnitOfWork } from '@sieve/core';
import { AwsExternalId } from '@sieve/aws';
import { ApiKey, ApiKeysService, ContractTier, TenantsService, UsersService } from '@sieve/tenancy';
import { IsNull } from 'typeorm';

const ACTOR: SystemActor = { kind: 'system', name: 'seed-demo' };
const DEMO_KEY_NAME = 'demo';
const EMULATOR_DEMO_EXTERNAL_ID = 'sieve-demo-3f9c2a7e5b1d4c8f9e0a6b2d4f8c1e3a';

export interface DemoCredentials {
  tenant: { id: string; slug: string; name: string };
  users: Record<string, { email: string; role: string; token: string }>;
  apiKey: { id: string; prefix: string; secret: string; scopes: string[] };
}

/**
 * The demo tenant for `npm start`: idempotent, so a second start reuses it. People's tokens are minted
 * afresh each time; the demo API key is replaced (earlier ones revoked) since its secret cannot be shown
 * again.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoCredentials> {
  const tenants = app.get(TenantsService);
  const users = app.get(UsersService);
  const uow = app.get(UnitOfWork);
  const tokens = app.get(TokenIssuer);

  const tenant =
    (await tenants.findBySlug('demo')) ??
    (await tenants.create(ACTOR, {
      slug: 'demo',
      name: 'Demo Corp',
      timeZone: 'Europe/London',
      contractTier: ContractTier.STANDARD,
      poolContribute: true,
      poolConsume: true,
    }));

  // The emulator's demo role (apps/aws-emulator/seed/demo.json) trusts this ExternalId, so `npm start`
  // can connect the demo AWS account. Real tenants get 40 random characters.
  await uow.withTenant(tenant.id, async (m) => {
    if (!(await m.existsBy(AwsExternalId, { tenantId: tenant.id }))) {
      await m.insert(AwsExternalId, { tenantId: tenant.id, externalId: EMULATOR_DEMO_EXTERNAL_ID });
    }
  });

  const adminEmail = 'admin@demo.sieve.local';
  if (!(await users.findByEmail(adminEmail))) {
    await users.inviteUser(ACTOR, tenant.id, {
      email: adminEmail,
      displayName: 'Dana Admin',
      role: TenantRole.TENANT_ADMIN,
    });
  }
  const admin = (await users.findByEmail(adminEmail))!;
  const analyst = await uow.withPlatform((m) =>
    users.upsertPerson(m, 'analyst@mssp.sieve.local', 'Alex Analyst', PlatformRole.MSSP_ANALYST),
  );
  await users.assignAnalystTenants(ACTOR, analyst.id, [tenant.id]);
  const platformAdmin = await uow.withPlatform((m) =>
    users.upsertPerson(m, 'platform@mssp.sieve.local', 'Pat Platform', PlatformRole.PLATFORM_ADMIN),
  );

  const apiKeys = app.get(ApiKeysService);
  const stale = await uow.withTenant(tenant.id, (m) =>
    m.findBy(ApiKey, { name: DEMO_KEY_NAME, revokedAt: IsNull() }),
  );
  for (const key of stale) await apiKeys.revoke(ACTOR, tenant.id, key.id);
  const scopes = [ApiKeyScope.INGEST, ApiKeyScope.READ, ApiKeyScope.WRITE, ApiKeyScope.ADMIN];
  const { apiKey, secret } = await apiKeys.create(ACTOR, tenant.id, { name: DEMO_KEY_NAME, scopes });

  const ttl = 7 * 24 * 3600;
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    users: {
      admin: {
        email: admin.email,
        role: TenantRole.TENANT_ADMIN,
        token: await tokens.issue({ userId: admin.id, tenantId: tenant.id }, ttl),
      },
      analyst: {
        email: analyst.email,
        role: PlatformRole.MSSP_ANALYST,
        token: await tokens.issue({ userId: analyst.id, tenantId: tenant.id }, ttl),
      },
      platformAdmin: {
        email: platformAdmin.email,
        role: PlatformRole.PLATFORM_ADMIN,
        token: await tokens.issue({ userId: platformAdmin.id }, ttl),
      },
    },
    apiKey: { id: apiKey.id, prefix: apiKey.prefix, secret, scopes },
  };
}
