import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import { WebhookDeliveryStatus } from './webhook-delivery-status.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookEventType } from './webhook-event-type.js';
import type { WebhookPayload } from './webhook-payload.js';

/**
 * One event for one endpoint: the outbox row and its delivery log. `messageId` is the `webhook-id` header,
 * derived from the endpoint and the change it reports, so every attempt and every redelivery carries the
 * same id and the receiver can drop duplicates.
 */
@Entity({ name: 'webhook_deliveries' })
@Unique('webhook_deliveries_message_key', ['endpointId', 'messageId'])
@Index('webhook_deliveries_due_idx', { synchronize: false })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt', 'id'])
@Check(
  'webhook_deliveries_event_type_check',
  `event_type IN ('case.created', 'case.updated', 'case.resolved', 'sla.warning', 'sla.breached', 'finding.raised')`,
)
@Check('webhook_deliveries_status_check', `status IN ('PENDING', 'DELIVERED', 'FAILED')`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: WebhookEventType;

  @Column({ type: 'jsonb' })
  payload: WebhookPayload;

  @Column({ type: 'text', default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When it is due (PENDING only). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** A worker is sending it until then; a worker that died mid-send lets the lease run out. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'webhook_deliveries_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'webhook_deliveries_endpoint_id_fkey' })
  endpoint?: Relation<WebhookEndpoint>;
}
