import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  type Principal,
  RequireAccess,
} from '@sieve/core';
import type { ApiKey } from '../../api-keys/api-key.entity.js';
import { ApiKeysService } from '../../api-keys/api-keys.service.js';
import { CreateApiKeyInput } from '../inputs/api-key.inputs.js';
import { ApiKeyConnection, ApiKeyType, CreatedApiKeyType } from '../types/api-key.type.js';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => ApiKeyConnection)
  @RequireAccess(Access.Admin)
  apiKeys(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<ApiKey>> {
    return this.keys.list(principal.tenantId!, args);
  }

  @Mutation(() => CreatedApiKeyType)
  @RequireAccess(Access.Admin)
  createApiKey(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKeyType> {
    return this.keys.create(principal, principal.tenantId!, input);
  }

  @Mutation(() => ApiKeyType, { description: 'Refused from the next request on.' })
  @RequireAccess(Access.Admin)
  revokeApiKey(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ApiKey> {
    return this.keys.revoke(principal, principal.tenantId!, id);
  }
}
