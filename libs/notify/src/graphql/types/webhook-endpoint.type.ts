import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { WebhookEventType } from './enums.js';

@ObjectType('WebhookEndpoint', {
  description:
    'Where the tenant receives signed webhooks (Standard Webhooks). The signing secret is never readable ' +
    'after creation or rotation.',
})
export class WebhookEndpointType {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field()
  description: string;

  @Field(() => [WebhookEventType])
  eventTypes: WebhookEventType[];

  @Field()
  enabled: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it is disabled: by an administrator, or the receiver answered 410 Gone.',
  })
  disabledReason: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until then messages also carry a signature made with the secret before the last rotation.',
  })
  previousSecretExpiresAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType('WebhookEndpointWithSecret')
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType)
  endpoint: WebhookEndpointType;

  @Field({
    description:
      'The signing secret (whsec_…). Shown once: store it now. Verify with any Standard Webhooks library, ' +
      'e.g. `new Webhook(secret).verify(body, headers)`.',
  })
  secret: string;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpointType, 'WebhookEndpoint');
