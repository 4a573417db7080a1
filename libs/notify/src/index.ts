export { NOTIFY_ENTITIES } from './entities.js';
export { NotifyModule } from './notify.module.js';
export { NotifyApiModule } from './notify-api.module.js';
export { NotifyException } from './notify.exception.js';
export { WebhookEventType, WEBHOOK_EVENT_TYPES } from './webhooks/webhook-event-type.js';
export { WebhookDeliveryStatus } from './webhooks/webhook-delivery-status.js';
export { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';
export { WebhookDelivery } from './webhooks/webhook-delivery.entity.js';
export type { WebhookPayload } from './webhooks/webhook-payload.js';
export { type OutboundEvent, WebhookOutbox } from './webhooks/webhook-outbox.js';
export { WebhookEndpointsService } from './webhooks/webhook-endpoints.service.js';
export { WebhookDeliveriesService } from './webhooks/webhook-deliveries.service.js';
export { DISPATCH_BATCH, type DispatchSummary, WebhookDispatcher } from './delivery/webhook-dispatcher.js';
export { PgChannel } from './pg/pg-channel.js';
export { type ChannelListener, PgPubSub } from './pg/pg-pubsub.js';
export { LiveFeed } from './subscriptions/live-feed.js';
export { SubscriberSession } from './subscriptions/subscriber-session.js';
export { SubscriptionAuthenticator } from './subscriptions/subscription-authenticator.js';
export {
  type SubscriptionContext,
  isGraphqlWsContext,
  subscriptionContext,
  subscriptionOptions,
} from './subscriptions/graphql-ws-transport.js';
export { NotifySubscriptionsModule } from './subscriptions/notify-subscriptions.module.js';
