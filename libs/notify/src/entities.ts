import { WebhookDelivery } from './webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';

/** The notification domain's entities. */
export const NOTIFY_ENTITIES = [WebhookEndpoint, WebhookDelivery];
