import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, GraphQLJSON } from '@sieve/core';
import { WebhookDeliveryStatus, WebhookEventType } from './enums.js';

@ObjectType('WebhookDelivery', {
  description:
    'One event sent (or to be sent) to one endpoint. Delivery is at least once: the same event may arrive ' +
    'twice (after a crash, or a redelivery), always with the same webhook-id, by which receivers drop repeats.',
})
export class WebhookDeliveryType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field({ description: 'The webhook-id header: the same on every attempt and redelivery.' })
  messageId: string;

  @Field(() => WebhookEventType)
  eventType: WebhookEventType;

  @Field(() => GraphQLJSON, { description: 'The body sent: { type, timestamp, data }.' })
  payload: Record<string, unknown>;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made since it was enqueued or last redelivered.' })
  attempts: number;

  @Field(() => Int, {
    nullable: true,
    description: "The receiver's last HTTP status; null when it did not answer.",
  })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it is next tried (PENDING only).' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field()
  createdAt: Date;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryType, 'WebhookDelivery');
