import { Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal, UnitOfWork } from '@sieve/core';
import { Tenant } from '../../tenants/tenant.entity.js';
import { User } from '../../users/user.entity.js';
import { MeType } from '../types/me.type.js';

@Resolver(() => MeType)
export class MeResolver {
  constructor(private readonly uow: UnitOfWork) {}

  @Query(() => MeType, { description: 'Who these credentials are and what they act as.' })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeType> {
    const tenantId = principal.tenantId;
    const tenant = tenantId
      ? await this.uow.withTenant(tenantId, (m) => m.findOneBy(Tenant, { id: tenantId }))
      : null;
    if (principal.kind === 'api-key') {
      return {
        kind: principal.kind,
        user: null,
        tenant,
        tenantRole: null,
        scopes: [...principal.scopes],
        assignedTenantIds: [],
      };
    }
    const user = await this.uow.withPlatform((m) => m.findOneByOrFail(User, { id: principal.userId }));
    return {
      kind: principal.kind,
      user,
      tenant,
      tenantRole: principal.tenantRole,
      scopes: null,
      assignedTenantIds: [...principal.assignedTenantIds],
    };
  }
}
