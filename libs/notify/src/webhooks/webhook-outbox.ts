import { Injectable } from '@nestjs/common';
import { Clock } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { PgPubSub } from '../pg/pg-pubsub.js';
import { PgChannel } from '../pg/pg-channel.js';
import type { WebhookEventType } from './webhook-event-type.js';
import type { WebhookPayload } from './webhook-payload.js';

/** An event to tell a tenant's endpoints about. */
export interface OutboundEvent {
  /**
   * Unique per change reported (e.g. the case timeline entry's id): with the endpoint's id it derives the
   * `webhook-id`, so a change enqueued twice is stored once and every attempt carries the same id.
   */
  sourceId: string;
  type: WebhookEventType;
  /** When the change happened. */
  at: Date;
  data: Record<string, unknown>;
}

/**
 * Writes webhook deliveries in the caller's transaction (the outbox): one row per enabled endpoint of the
 * tenant subscribed to the event type. Nothing is sent for a change that rolls back, and nothing committed
 * is lost: the worker is woken by a NOTIFY that PostgreSQL delivers on commit, and its sweeper finds rows
 * whose wake-up never arrived.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly pubsub: PgPubSub,
    private readonly clock: Clock,
  ) {}

  /** The event types some enabled endpoint of the tenant subscribes to (to skip building unwanted payloads). */
  async subscribedTypes(manager: EntityManager, tenantId: string): Promise<ReadonlySet<WebhookEventType>> {
    const rows = (await manager.query(
      `SELECT DISTINCT unnest(event_types) AS type FROM webhook_endpoints WHERE tenant_id = $1 AND enabled`,
      [tenantId],
    )) as { type: WebhookEventType }[];
    return new Set(rows.map((r) => r.type));
  }

  /** Returns the number of deliveries written (0 when no endpoint wants this type). */
  async enqueue(manager: EntityManager, tenantId: string, event: OutboundEvent): Promise<number> {
    const payload: WebhookPayload = { type: event.type, timestamp: event.at.toISOString(), data: event.data };
    // The message id is a hash of (endpoint, source): stable across retries, redeliveries and re-enqueues.
    const rows = (await manager.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at)
       SELECT e.tenant_id, e.id,
              'msg_' || substr(encode(sha256(convert_to(e.id::text || '/' || $3::text, 'UTF8')), 'hex'), 1, 32),
              $2, $4::jsonb, $5
       FROM webhook_endpoints e
       WHERE e.tenant_id = $1 AND e.enabled AND $2 = ANY (e.event_types)
       ON CONFLICT ON CONSTRAINT webhook_deliveries_message_key DO NOTHING
       RETURNING id`,
      [tenantId, event.type, event.sourceId, JSON.stringify(payload), this.clock.now()],
    )) as { id: string }[];
    if (rows.length > 0) await this.pubsub.publish(manager, PgChannel.WebhookDeliveries, { tenantId });
    return rows.length;
  }
}
