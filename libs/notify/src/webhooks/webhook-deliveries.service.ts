import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AuditService,
  Clock,
  type Connection,
  type ConnectionArgs,
  SieveException,
  TenantRepository,
  UnitOfWork,
  isUuid,
  paginateNewestFirst,
} from '@sieve/core';
import { NotifyException } from '../notify.exception.js';
import { PgChannel } from '../pg/pg-channel.js';
import { PgPubSub } from '../pg/pg-pubsub.js';
import { WebhookDeliveryStatus } from './webhook-delivery-status.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** The delivery log of a tenant's endpoints, and redelivery. */
@Injectable()
export class WebhookDeliveriesService {
  private readonly deliveries = new TenantRepository(WebhookDelivery);
  private readonly endpoints = new TenantRepository(WebhookEndpoint);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly pubsub: PgPubSub,
    private readonly clock: Clock,
  ) {}

  /** Newest first; another tenant's endpoint answers like an unknown one. */
  list(
    tenantId: string,
    endpointId: string,
    status: WebhookDeliveryStatus | null,
    args: ConnectionArgs,
  ): Promise<Connection<WebhookDelivery>> {
    return this.uow.withTenant(tenantId, async (manager) => {
      if (!isUuid(endpointId) || !(await this.endpoints.findOneBy({ id: endpointId }))) {
        throw SieveException.notFound('WebhookEndpoint', endpointId);
      }
      const query = manager
        .createQueryBuilder(WebhookDelivery, 'd')
        .where('d.tenant_id = :tenantId AND d.endpoint_id = :endpointId', { tenantId, endpointId });
      if (status) query.andWhere('d.status = :status', { status });
      return paginateNewestFirst(query, args, { alias: 'd', idType: 'uuid', idOf: (d) => d.id });
    });
  }

  /**
   * Sends a delivery again, whatever its state, with the same `webhook-id` (receivers drop it if they had
   * it) and a fresh budget of attempts. The worker is woken when this commits.
   */
  redeliver(actor: Actor, tenantId: string, deliveryId: string): Promise<WebhookDelivery> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const delivery = isUuid(deliveryId) ? await this.deliveries.findOneBy({ id: deliveryId }) : null;
      if (!delivery) throw SieveException.notFound('WebhookDelivery', deliveryId);
      const endpoint = await this.endpoints.findOneBy({ id: delivery.endpointId });
      if (!endpoint?.enabled) throw NotifyException.endpointDisabled(delivery.endpointId);
      await this.deliveries.update(
        { id: deliveryId },
        {
          status: WebhookDeliveryStatus.PENDING,
          attempts: 0,
          nextAttemptAt: this.clock.now(),
          leaseUntil: null,
          deliveredAt: null,
        },
      );
      await this.audit.record(actor, {
        action: 'webhook_delivery.redelivered',
        targetType: 'webhook_delivery',
        targetId: deliveryId,
        details: { endpointId: delivery.endpointId, messageId: delivery.messageId },
      });
      await this.pubsub.publish(manager, PgChannel.WebhookDeliveries, { tenantId });
      return (await this.deliveries.findOneBy({ id: deliveryId }))!;
    });
  }
}
