import type { WebhookEventType } from './webhook-event-type.js';

/** The body of every webhook, in the Standard Webhooks shape. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** When the event happened (ISO 8601); the `webhook-timestamp` header is when it was sent. */
  timestamp: string;
  data: Record<string, unknown>;
}
