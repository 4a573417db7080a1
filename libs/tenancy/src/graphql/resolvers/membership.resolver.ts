import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  PlatformRole,
  type Principal,
  RequireAccess,
  RequirePlatformRole,
} from '@sieve/core';
import type { Membership } from '../../users/membership.entity.js';
import { UsersService } from '../../users/users.service.js';
import { AddMembershipInput, AssignAnalystTenantsInput, InviteUserInput } from '../inputs/tenant.inputs.js';
import { AnalystType, MembershipConnection, MembershipType } from '../types/user.type.js';

@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(private readonly users: UsersService) {}

  @Query(() => MembershipConnection, { description: "People of the credentials' tenant." })
  @RequireAccess(Access.Read)
  members(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<Membership>> {
    return this.users.members(principal.tenantId!, args);
  }

  @Mutation(() => MembershipType, { description: 'Adds a person (created if new) to the tenant.' })
  @RequireAccess(Access.Admin)
  inviteUser(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: InviteUserInput,
  ): Promise<Membership> {
    return this.users.inviteUser(principal, principal.tenantId!, input);
  }

  @Mutation(() => MembershipType, { description: 'Changes the role of a member of the tenant.' })
  @RequireAccess(Access.Admin)
  addMembership(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddMembershipInput,
  ): Promise<Membership> {
    return this.users.addMembership(principal, principal.tenantId!, input.userId, input.role);
  }

  @Mutation(() => AnalystType, {
    description: 'Sets the tenants an MSSP analyst works on (replaces the set).',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  async assignAnalystTenants(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AssignAnalystTenantsInput,
  ): Promise<AnalystType> {
    const assignments = await this.users.assignAnalystTenants(principal, input.userId, input.tenantIds);
    return { user: await this.users.person(input.userId), tenantIds: assignments.map((a) => a.tenantId) };
  }
}
