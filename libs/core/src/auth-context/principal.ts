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
  [TenantRole.TENANT_ADMIN]: [Access.Read, Access.Write, Access.Admin],
  [TenantRole.TENANT_ANALYST]: [Access.Read, Access.Write],
  [TenantRole.TENANT_VIEWER]: [Access.Read],
};

const ACCESS_BY_SCOPE: Record<ApiKeyScope, Access[]> = {
  [ApiKeyScope.ADMIN]: [Access.Read, Access.Write, Access.Admin],
  [ApiKeyScope.WRITE]: [Access.Read, Access.Write],
  [ApiKeyScope.READ]: [Access.Read],
  [ApiKeyScope.INGEST]: [Access.Ingest],
};

/** What the principal may do in the tenant of its credentials (empty when it has no tenant). */
export function accessInTenant(principal: Principal): ReadonlySet<Access> {
  if (principal.kind === 'api-key') return new Set(principal.scopes.flatMap((s) => ACCESS_BY_SCOPE[s]));
  const granted = new Set<Access>();
  if (!principal.tenantId) return granted;
  if (principal.tenantRole) ACCESS_BY_TENANT_ROLE[principal.tenantRole].forEach((a) => granted.add(a));
  if (principal.platformRole === PlatformRole.PLATFORM_ADMIN)
    ACCESS_BY_TENANT_ROLE[TenantRole.TENANT_ADMIN].forEach((a) => granted.add(a));
  if (
    principal.platformRole === PlatformRole.MSSP_ANALYST &&
    principal.assignedTenantIds.includes(principal.tenantId)
  ) {
    ACCESS_BY_TENANT_ROLE[TenantRole.TENANT_ANALYST].forEach((a) => granted.add(a));
  }
  return granted;
}

/** Work done by the platform itself (CLI, jobs), recorded in the audit log under this name. */
export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

/** Whoever a change is attributed to. */
export type Actor = Principal | SystemActor;

export function actorOf(actor: Actor): { actorType: 'user' | 'api-key' | 'system'; actorId: string } {
  switch (actor.kind) {
    case 'user':
      return { actorType: 'user', actorId: actor.userId };
    case 'api-key':
      return { actorType: 'api-key', actorId: actor.apiKeyId };
    case 'system':
      return { actorType: 'system', actorId: actor.name };
  }
}
