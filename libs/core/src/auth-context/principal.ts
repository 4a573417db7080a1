import { Access, ApiKeyScope, PlatformRole, TenantRole } from './roles.js';

/** A person, authenticated by a JWT; the tenant comes from the token, never from the request. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly email: string;
  readonly platformRole: PlatformRole | null;
  readonly tenantId: string | null;
  readonly tenantRole: TenantRole | null;
  /** Tenants an MSSP analyst is assigned to. */
  readonly assignedTenantIds: readonly string[];
}

/** An integration, authenticated by a hashed API key bound to one tenant. */
export interface ApiKeyPrincipal {
  readonly kind: 'api-key';
  readonly apiKeyId: string;
  readonly tenantId: string;
  readonly scopes: readonly ApiKeyScope[];
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

const ACCESS_BY_TENANT_ROLE: Record<TenantRole, Access[]> = {
  [TenantRole.Admin]: [Access.Read, Access.Write, Access.Admin],
  [TenantRole.Analyst]: [Access.Read, Access.Write],
  [TenantRole.Viewer]: [Access.Read],
};

const ACCESS_BY_SCOPE: Record<ApiKeyScope, Access[]> = {
  [ApiKeyScope.Admin]: [Access.Read, Access.Write, Access.Admin],
  [ApiKeyScope.Write]: [Access.Read, Access.Write],
  [ApiKeyScope.Read]: [Access.Read],
  [ApiKeyScope.Ingest]: [Access.Ingest],
};

/** What the principal may do in the tenant of its credentials (empty when it has no tenant). */
export function accessInTenant(principal: Principal): ReadonlySet<Access> {
  if (principal.kind === 'api-key') return new Set(principal.scopes.flatMap((s) => ACCESS_BY_SCOPE[s]));
  const granted = new Set<Access>();
  if (!principal.tenantId) return granted;
  if (principal.tenantRole) ACCESS_BY_TENANT_ROLE[principal.tenantRole].forEach((a) => granted.add(a));
  if (principal.platformRole === PlatformRole.Admin) ACCESS_BY_TENANT_ROLE[TenantRole.Admin].forEach((a) => granted.add(a));
  if (principal.platformRole === PlatformRole.MsspAnalyst && principal.assignedTenantIds.includes(principal.tenantId)) {
    ACCESS_BY_TENANT_ROLE[TenantRole.Analyst].forEach((a) => granted.add(a));
  }
  return granted;
}

export function actorOf(principal: Principal): { actorType: 'user' | 'api-key'; actorId: string } {
  return principal.kind === 'user'
    ? { actorType: 'user', actorId: principal.userId }
    : { actorType: 'api-key', actorId: principal.apiKeyId };
}
