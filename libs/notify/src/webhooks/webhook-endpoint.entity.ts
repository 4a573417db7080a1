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
} from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import type { WebhookEventType } from './webhook-event-type.js';

/**
 * Where a tenant wants its events sent. The signing secrets are not selected by default: only the
 * delivery path asks for them (`addSelect`), so a read for GraphQL or a log line cannot carry them.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_tenant_idx', ['tenantId', 'createdAt'])
@Check('webhook_endpoints_url_check', 'length(url) BETWEEN 1 AND 2048')
@Check('webhook_endpoints_description_check', 'length(description) <= 500')
@Check(
  'webhook_endpoints_event_types_check',
  `cardinality(event_types) >= 1 AND event_types <@ ARRAY['case.created', 'case.updated', 'case.resolved', 'sla.warning', 'sla.breached', 'finding.raised']::text[]`,
)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: WebhookEventType[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why it was disabled (by an admin, or by the receiver answering 410 Gone). */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  /** `whsec_<base64>`, the Standard Webhooks format. */
  @Column({ type: 'text', select: false })
  secret?: string;

  /** The secret before the last rotation: messages are signed with both until it expires. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true, select: false })
  previousSecret?: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'webhook_endpoints_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
