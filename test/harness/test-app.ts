import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { TokenIssuer } from '@sieve/auth';
import {
  type AppConfig,
  AppConfigService,
  PlatformRole,
  type SystemActor,
  TenantRole,
  UnitOfWork,
  loadConfig,
} from '@sieve/core';
import { ApiKeysService, ContractTier, type Tenant, TenantsService, UsersService } from '@sieve/tenancy';
import { ApiKeyScope } from '@sieve/core';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

export const TEST_ACTOR: SystemActor = { kind: 'system', name: 'test-harness' };

export interface TestAppOptions {
  /** Configuration values on top of the environment (ConfigModule reads the environment at import). */
  config?: Partial<Record<keyof AppConfig, string>>;
  /** Further provider overrides, e.g. the AWS platform credentials of an emulator. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/** Boots the real API (real PostgreSQL, Redis, guards, filters) on an ephemeral port for supertest. */
export async function createTestApp(options: TestAppOptions = {}): Promise<NestExpressApplication> {
  let builder = Test.createTestingModule({ imports: [AppModule] });
  if (options.config) {
    builder = builder
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...options.config }) });
  }
  const moduleRef = await (options.override ? options.override(builder) : builder).compile();
  const app = configureApp(
    moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true }),
  );
  await app.init();
  return app;
}

export interface SeededTenant {
  tenant: Tenant;
  adminToken: string;
  analystToken: string;
  viewerToken: string;
  apiKey: string;
  adminUserId: string;
}

let counter = 0;

/** A tenant with an admin, an analyst, a viewer (JWTs) and an admin-scoped API key. */
export async function seedTenant(app: INestApplication, label = 'acme'): Promise<SeededTenant> {
  const slug = `${label}-${Date.now().toString(36)}-${counter++}`;
  const tenants = app.get(TenantsService);
  const users = app.get(UsersService);
  const tokens = app.get(TokenIssuer);
  const tenant = await tenants.create(TEST_ACTOR, {
    slug,
    name: `${label} Corp`,
    timeZone: 'Europe/Paris',
    contractTier: ContractTier.STANDARD,
  });
  const member = async (role: TenantRole) => {
    const m = await users.inviteUser(TEST_ACTOR, tenant.id, {
      email: `${role.toLowerCase()}@${slug}.example`,
      displayName: `${role} of ${slug}`,
      role,
    });
    return { userId: m.userId, token: await tokens.issue({ userId: m.userId, tenantId: tenant.id }) };
  };
  const admin = await member(TenantRole.TENANT_ADMIN);
  const analyst = await member(TenantRole.TENANT_ANALYST);
  const viewer = await member(TenantRole.TENANT_VIEWER);
  const { secret } = await app
    .get(ApiKeysService)
    .create(TEST_ACTOR, tenant.id, { name: 'harness', scopes: [ApiKeyScope.ADMIN, ApiKeyScope.INGEST] });
  return {
    tenant,
    adminToken: admin.token,
    analystToken: analyst.token,
    viewerToken: viewer.token,
    apiKey: secret,
    adminUserId: admin.userId,
  };
}

/** POST /graphql with a bearer credential; resolves to the supertest response. */
export function gql(
  app: INestApplication,
  credential: string | null,
  query: string,
  variables?: Record<string, unknown>,
) {
  const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  if (credential) req.set('authorization', `Bearer ${credential}`);
  return req.send({ query, variables });
}

/** A person with a platform role, and a token for them (optionally acting in a tenant). */
export async function seedPlatformUser(
  app: INestApplication,
  role: PlatformRole,
  tenantId: string | null = null,
): Promise<{ userId: string; token: string; tokenFor: (tenantId: string | null) => Promise<string> }> {
  const uow = app.get(UnitOfWork);
  const email = `${role.toLowerCase()}-${Date.now().toString(36)}-${counter++}@sieve.example`;
  const user = await uow.withPlatform((manager) =>
    app.get(UsersService).upsertPerson(manager, email, role, role),
  );
  const tokens = app.get(TokenIssuer);
  const tokenFor = (t: string | null) => tokens.issue({ userId: user.id, tenantId: t });
  return { userId: user.id, token: await tokenFor(tenantId), tokenFor };
}
