import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, type Connection, CurrentPrincipal, type Principal, RequireAccess } from '@sieve/core';
import { WebhookDeliveriesService } from '../../webhooks/webhook-deliveries.service.js';
import type { WebhookDelivery } from '../../webhooks/webhook-delivery.entity.js';
import { WebhookDeliveriesArgs } from '../inputs/webhook-deliveries.args.js';
import { WebhookDeliveryConnection, WebhookDeliveryType } from '../types/webhook-delivery.type.js';

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryResolver {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's delivery log, newest first." })
  @RequireAccess(Access.Admin)
  webhookDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<Connection<WebhookDelivery>> {
    return this.deliveries.list(principal.tenantId!, args.endpointId, args.status ?? null, args);
  }

  @Mutation(() => WebhookDeliveryType, {
    description: 'Sends the delivery again, with the same webhook-id and a fresh budget of attempts.',
  })
  @RequireAccess(Access.Admin)
  redeliverWebhook(
    @CurrentPrincipal() principal: Principal,
    @Args('deliveryId', { type: () => ID }) deliveryId: string,
  ): Promise<WebhookDelivery> {
    return this.deliveries.redeliver(principal, principal.tenantId!, deliveryId);
  }
}
