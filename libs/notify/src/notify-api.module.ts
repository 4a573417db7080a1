import { Module } from '@nestjs/common';
import { WebhookDeliveryResolver } from './graphql/resolvers/webhook-delivery.resolver.js';
import { WebhookEndpointResolver } from './graphql/resolvers/webhook-endpoint.resolver.js';
import { NotifyModule } from './notify.module.js';

/** The webhook GraphQL operations of tenant admins. */
@Module({
  imports: [NotifyModule],
  providers: [WebhookEndpointResolver, WebhookDeliveryResolver],
})
export class NotifyApiModule {}
