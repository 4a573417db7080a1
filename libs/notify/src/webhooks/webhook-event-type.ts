/**
 * The events a tenant's webhook endpoints can subscribe to. The values are the `type` of the payload the
 * receiver gets (Standard Webhooks: `{ type, timestamp, data }`); GraphQL shows the member names.
 */
export enum WebhookEventType {
  CASE_CREATED = 'case.created',
  CASE_UPDATED = 'case.updated',
  CASE_RESOLVED = 'case.resolved',
  SLA_WARNING = 'sla.warning',
  SLA_BREACHED = 'sla.breached',
  FINDING_RAISED = 'finding.raised',
}

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);
