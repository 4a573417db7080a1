import { Injectable } from '@nestjs/common';
import { PlatformRole, UnitOfWork, type UserPrincipal, isUuid } from '@sieve/core';
import { Tenant } from '../tenants/tenant.entity.js';
import { AnalystAssignment } from './analyst-assignment.entity.js';
import { Membership } from './membership.entity.js';
import { User } from './user.entity.js';

/**
 * Turns a verified token's subject (and tenant claim) into a principal, from the database on every
 * request: a disabled person or a removed membership loses access at once, not when the token expires.
 */
@Injectable()
export class UserPrincipalsService {
  constructor(private readonly uow: UnitOfWork) {}

  /** Null when the person does not exist, is disabled, or has no standing in the claimed tenant. */
  async resolve(userId: string, tenantId: string | null): Promise<UserPrincipal | null> {
    if (!isUuid(userId) || (tenantId !== null && !isUuid(tenantId))) return null;
    const found = await this.uow.withPlatform(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user || user.disabledAt) return null;
      const assignments =
        user.platformRole === PlatformRole.MSSP_ANALYST
          ? await manager.findBy(AnalystAssignment, { userId })
          : [];
      const tenantExists = tenantId ? await manager.existsBy(Tenant, { id: tenantId }) : true;
      return tenantExists ? { user, assignedTenantIds: assignments.map((a) => a.tenantId) } : null;
    });
    if (!found) return null;
    const { user, assignedTenantIds } = found;
    const membership = tenantId
      ? await this.uow.withTenant(tenantId, (manager) => manager.findOneBy(Membership, { tenantId, userId }))
      : null;
    const standing =
      membership !== null ||
      user.platformRole === PlatformRole.PLATFORM_ADMIN ||
      (tenantId !== null && assignedTenantIds.includes(tenantId));
    if (tenantId && !standing) return null;
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      platformRole: user.platformRole,
      tenantId,
      tenantRole: membership?.role ?? null,
      assignedTenantIds,
    };
  }
}
