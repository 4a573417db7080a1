import { Injectable } from '@nestjs/common';
import {
  Access,
  ErrorCode,
  PlatformRole,
  type Principal,
  SieveException,
  UnitOfWork,
  accessInTenant,
  isUuid,
} from '@sieve/core';

/** The tenants a read runs over, and who reads (recorded when it crosses tenants). */
export interface SlaScope {
  actorId: string;
  tenantIds: string[];
}

const hasRole = (principal: Principal, role: PlatformRole): boolean =>
  principal.kind === 'user' && principal.platformRole === role;

const actorIdOf = (principal: Principal): string =>
  principal.kind === 'user' ? principal.userId : principal.apiKeyId;

/**
 * Who may see and change which tenant's SLA. The tenant comes from the credentials; an explicit tenant id
 * is honoured only for platform admins (any tenant) and MSSP analysts (their assigned tenants, read only).
 * Any other tenant id answers NOT_FOUND, exactly as an id that does not exist.
 */
@Injectable()
export class SlaAccess {
  constructor(private readonly uow: UnitOfWork) {}

  /** Tenants whose SLA figures the principal reads: all (platform admins), assigned (analysts), its own. */
  async reportScope(principal: Principal, tenantId?: string | null): Promise<SlaScope> {
    const actorId = actorIdOf(principal);
    if (hasRole(principal, PlatformRole.PLATFORM_ADMIN)) {
      const all = await this.uow.withPlatform(async (m) =>
        ((await m.query(`SELECT id FROM tenants`)) as { id: string }[]).map((t) => t.id),
      );
      if (!tenantId) return { actorId, tenantIds: all };
      if (!all.includes(tenantId)) throw SieveException.notFound('Tenant', tenantId);
      return { actorId, tenantIds: [tenantId] };
    }
    const readable = this.readableTenants(principal);
    if (readable.length === 0 && !hasRole(principal, PlatformRole.MSSP_ANALYST)) {
      throw new SieveException(ErrorCode.Forbidden, 'Requires read access to a tenant');
    }
    if (!tenantId) return { actorId, tenantIds: readable };
    if (!readable.includes(tenantId)) throw SieveException.notFound('Tenant', tenantId);
    return { actorId, tenantIds: [tenantId] };
  }

  /** The tenant whose SLA policy the principal reads. */
  policyReadTenant(principal: Principal, tenantId?: string | null): string {
    const target = this.target(principal, tenantId);
    if (hasRole(principal, PlatformRole.PLATFORM_ADMIN)) return target;
    if (!this.readableTenants(principal).includes(target)) throw SieveException.notFound('Tenant', target);
    return target;
  }

  /** The tenant whose SLA policy the principal changes: platform admins any, tenant admins their own. */
  policyWriteTenant(principal: Principal, tenantId?: string | null): string {
    const target = this.target(principal, tenantId);
    if (hasRole(principal, PlatformRole.PLATFORM_ADMIN)) return target;
    if (target !== principal.tenantId) throw SieveException.notFound('Tenant', target);
    if (!accessInTenant(principal).has(Access.Admin)) {
      throw new SieveException(ErrorCode.Forbidden, 'Requires admin access to the tenant');
    }
    return target;
  }

  private target(principal: Principal, tenantId?: string | null): string {
    const target = tenantId ?? principal.tenantId;
    if (!target)
      throw new SieveException(ErrorCode.BadUserInput, 'These credentials have no tenant: pass a tenantId');
    if (!isUuid(target)) throw SieveException.notFound('Tenant', target);
    return target;
  }

  /** The credentials' tenant when they may read it, plus an MSSP analyst's assigned tenants. */
  private readableTenants(principal: Principal): string[] {
    const tenants = new Set<string>();
    if (principal.tenantId && accessInTenant(principal).has(Access.Read)) tenants.add(principal.tenantId);
    if (principal.kind === 'user' && principal.platformRole === PlatformRole.MSSP_ANALYST) {
      principal.assignedTenantIds.forEach((id) => tenants.add(id));
    }
    return [...tenants];
  }
}
