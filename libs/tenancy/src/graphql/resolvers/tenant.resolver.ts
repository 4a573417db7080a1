import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  ErrorCode,
  PlatformRole,
  type Principal,
  RequireAccess,
  RequirePlatformRole,
  SieveException,
  TenantRole,
} from '@sieve/core';
import type { Tenant } from '../../tenants/tenant.entity.js';
import { TenantsService } from '../../tenants/tenants.service.js';
import { UsersService } from '../../users/users.service.js';
import { CreateTenantInput, UpdateTenantInput } from '../inputs/tenant.inputs.js';
import { TenantConnection, TenantType } from '../types/tenant.type.js';

@Resolver(() => TenantType)
export class TenantResolver {
  constructor(
    private readonly tenantsService: TenantsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => TenantType, {
    description: "The credentials' tenant, or (platform staff) the tenant with this id.",
  })
  tenant(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
  ): Promise<Tenant> {
    const target = id ?? principal.tenantId;
    if (!target)
      throw new SieveException(ErrorCode.BadUserInput, 'These credentials have no tenant: pass an id');
    return this.tenantsService.get(principal, target);
  }

  @Query(() => TenantConnection)
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  tenants(@Args() args: ConnectionArgs): Promise<Connection<Tenant>> {
    return this.tenantsService.list(args);
  }

  @Mutation(() => TenantType)
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  createTenant(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateTenantInput,
  ): Promise<Tenant> {
    const { adminEmail, adminDisplayName, ...command } = input;
    return this.tenantsService.create(principal, command, async (tenant) => {
      if (!adminEmail) return;
      await this.users.inviteUser(principal, tenant.id, {
        email: adminEmail,
        displayName: adminDisplayName ?? adminEmail,
        role: TenantRole.TENANT_ADMIN,
      });
    });
  }

  @Mutation(() => TenantType, { description: "Updates the credentials' tenant (tenant admins)." })
  @RequireAccess(Access.Admin)
  updateTenant(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateTenantInput,
  ): Promise<Tenant> {
    const platformAdmin = principal.kind === 'user' && principal.platformRole === PlatformRole.PLATFORM_ADMIN;
    if (input.contractTier !== undefined && !platformAdmin) {
      throw new SieveException(ErrorCode.Forbidden, 'Only platform admins change the contract tier');
    }
    return this.tenantsService.update(principal, principal.tenantId!, input);
  }
}
