import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDispatcher } from './delivery/webhook-dispatcher.js';
import { NOTIFY_ENTITIES } from './entities.js';
import { PgPubSub } from './pg/pg-pubsub.js';
import { WebhookDeliveriesService } from './webhooks/webhook-deliveries.service.js';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service.js';
import { WebhookOutbox } from './webhooks/webhook-outbox.js';

/**
 * Notifications for every process: the webhook outbox (written by whatever changes a case), endpoint
 * management, the dispatcher the worker runs, and PostgreSQL NOTIFY/LISTEN between processes.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFY_ENTITIES)],
  providers: [PgPubSub, WebhookOutbox, WebhookEndpointsService, WebhookDeliveriesService, WebhookDispatcher],
  exports: [PgPubSub, WebhookOutbox, WebhookEndpointsService, WebhookDeliveriesService, WebhookDispatcher],
})
export class NotifyModule {}
