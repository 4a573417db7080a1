import { registerEnumType } from '@nestjs/graphql';
import { WebhookDeliveryStatus } from '../../webhooks/webhook-delivery-status.js';
import { WebhookEventType } from '../../webhooks/webhook-event-type.js';

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description:
    'An event webhooks can carry; the payload `type` is the lower-case dotted form (case.created, …).',
  valuesMap: {
    CASE_CREATED: { description: 'case.created: a case was opened.' },
    CASE_UPDATED: { description: 'case.updated: a case changed (one event per change, with what changed).' },
    CASE_RESOLVED: { description: 'case.resolved: a case was resolved, with its disposition.' },
    SLA_WARNING: { description: 'sla.warning: 80% of an SLA target has elapsed.' },
    SLA_BREACHED: { description: 'sla.breached: an SLA target was missed.' },
    FINDING_RAISED: { description: 'finding.raised: triage raised a finding into a case.' },
  },
});

registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

export { WebhookDeliveryStatus, WebhookEventType };
