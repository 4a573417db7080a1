import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  type Principal,
  RequireAccess,
} from '@sieve/core';
import type { WebhookEndpoint } from '../../webhooks/webhook-endpoint.entity.js';
import {
  type EndpointWithSecret,
  WebhookEndpointsService,
} from '../../webhooks/webhook-endpoints.service.js';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from '../inputs/webhook-endpoint.inputs.js';
import {
  WebhookEndpointConnection,
  WebhookEndpointType,
  WebhookEndpointWithSecretType,
} from '../types/webhook-endpoint.type.js';

/** A tenant admin's webhook endpoints (admin access: they carry the tenant's data out). */
@Resolver(() => WebhookEndpointType)
export class WebhookEndpointResolver {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Query(() => WebhookEndpointConnection, { description: "The tenant's webhook endpoints, newest first." })
  @RequireAccess(Access.Admin)
  webhookEndpoints(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<WebhookEndpoint>> {
    return this.endpoints.list(principal.tenantId!, args);
  }

  @Query(() => WebhookEndpointType)
  @RequireAccess(Access.Admin)
  webhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.get(principal.tenantId!, id);
  }

  @Mutation(() => WebhookEndpointWithSecretType, {
    description: 'The signing secret is in the answer, once.',
  })
  @RequireAccess(Access.Admin)
  createWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<EndpointWithSecret> {
    return this.endpoints.create(principal, principal.tenantId!, input);
  }

  @Mutation(() => WebhookEndpointType)
  @RequireAccess(Access.Admin)
  updateWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.update(principal, principal.tenantId!, id, input);
  }

  @Mutation(() => WebhookEndpointType, { description: 'Stops sending to it; pending deliveries fail.' })
  @RequireAccess(Access.Admin)
  disableWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.disable(principal, principal.tenantId!, id);
  }

  @Mutation(() => ID, { description: 'Deletes the endpoint and its delivery log.' })
  @RequireAccess(Access.Admin)
  deleteWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    return this.endpoints.delete(principal, principal.tenantId!, id);
  }

  @Mutation(() => WebhookEndpointWithSecretType, {
    description:
      'A new signing secret, shown once. For 24 hours messages carry signatures by both the new and the old ' +
      'secret, so receivers can switch without losing messages.',
  })
  @RequireAccess(Access.Admin)
  rotateWebhookSecret(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EndpointWithSecret> {
    return this.endpoints.rotateSecret(principal, principal.tenantId!, id);
  }
}
