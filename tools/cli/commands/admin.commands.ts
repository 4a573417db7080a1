import type { INestApplicationContext } from '@nestjs/common';
import { TokenIssuer } from '@sieve/auth';
import { ApiKeyScope, PlatformRole, type SystemActor, TenantRole, UnitOfWork } from '@sieve/core';
import { ApiKeysService, ContractTier, type Tenant, TenantsService, UsersService } from '@sieve/tenancy';

const ACTOR: SystemActor = { kind: 'system', name: 'cli' };

export type Options = Record<string, string | undefined>;

export class UsageError extends Error {}

function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

async function tenantBySlug(app: INestApplicationContext, slug: string): Promise<Tenant> {
  const tenant = await app.get(TenantsService).findBySlug(slug);
  if (!tenant) throw new UsageError(`no tenant with slug "${slug}"`);
  return tenant;
}

export async function createTenant(app: INestApplicationContext, o: Options): Promise<unknown> {
  const tenant = await app.get(TenantsService).create(ACTOR, {
    slug: required(o, 'slug'),
    name: required(o, 'name'),
    timeZone: o['time-zone'] ?? 'UTC',
    contractTier: oneOf(o.tier ?? ContractTier.STANDARD, Object.values(ContractTier), 'tier'),
  });
  return { id: tenant.id, slug: tenant.slug };
}

/** A person; with --tenant and --role a member of that tenant, with --platform-role platform staff. */
export async function createUser(app: INestApplicationContext, o: Options): Promise<unknown> {
  const users = app.get(UsersService);
  const email = required(o, 'email');
  const name = o.name ?? email;
  if (o.tenant) {
    const tenant = await tenantBySlug(app, o.tenant);
    const role = oneOf(o.role ?? TenantRole.TENANT_VIEWER, Object.values(TenantRole), 'role');
    const membership = await users.inviteUser(ACTOR, tenant.id, { email, displayName: name, role });
    return { userId: membership.userId, tenant: tenant.slug, role };
  }
  const platformRole = oneOf(required(o, 'platform-role'), Object.values(PlatformRole), 'platform-role');
  const user = await app
    .get(UnitOfWork)
    .withPlatform((m) => users.upsertPerson(m, email, name, platformRole));
  return { userId: user.id, platformRole };
}

export async function assignAnalyst(app: INestApplicationContext, o: Options): Promise<unknown> {
  const users = app.get(UsersService);
  const user = await users.findByEmail(required(o, 'email'));
  if (!user) throw new UsageError(`no user with e-mail "${o.email}"`);
  const slugs = required(o, 'tenants').split(',').filter(Boolean);
  const tenants = await Promise.all(slugs.map((slug) => tenantBySlug(app, slug)));
  await users.assignAnalystTenants(
    ACTOR,
    user.id,
    tenants.map((t) => t.id),
  );
  return { userId: user.id, tenants: slugs };
}

export async function createApiKey(app: INestApplicationContext, o: Options): Promise<unknown> {
  const tenant = await tenantBySlug(app, required(o, 'tenant'));
  const scopes = required(o, 'scopes')
    .split(',')
    .map((s) => oneOf(s.trim(), Object.values(ApiKeyScope), 'scopes'));
  const { apiKey, secret } = await app
    .get(ApiKeysService)
    .create(ACTOR, tenant.id, { name: o.name ?? 'cli', scopes });
  return { id: apiKey.id, prefix: apiKey.prefix, scopes, secret };
}

/** A development token for a person, acting in --tenant when given. */
export async function mintToken(app: INestApplicationContext, o: Options): Promise<unknown> {
  const user = await app.get(UsersService).findByEmail(required(o, 'email'));
  if (!user) throw new UsageError(`no user with e-mail "${o.email}"`);
  const tenant = o.tenant ? await tenantBySlug(app, o.tenant) : null;
  const ttl = o.ttl ? Number(o.ttl) : undefined;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
    throw new UsageError('--ttl must be a number of seconds');
  return { token: await app.get(TokenIssuer).issue({ userId: user.id, tenantId: tenant?.id ?? null }, ttl) };
}
