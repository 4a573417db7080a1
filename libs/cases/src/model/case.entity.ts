import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { Tenant, User } from '@sieve/tenancy';
import { CaseDisposition, CaseSlaState, CaseStatus } from './case-status.js';
import type { SeverityLabel } from './severity.js';

/**
 * A case of one tenant: findings that belong to one story, worked by an analyst. Numbered per tenant
 * (`ACME-42`). The `sla_*` columns belong to the SLA engine, which keeps them current from the timeline.
 */
@Entity({ name: 'cases' })
@Unique('cases_tenant_id_number_key', ['tenantId', 'number'])
@Index('cases_queue_idx', { synchronize: false })
@Index('cases_tenant_urgency_idx', { synchronize: false })
@Index('cases_tenant_created_idx', { synchronize: false })
@Index('cases_group_keys_idx', { synchronize: false })
@Index('cases_sla_next_check_idx', { synchronize: false })
@Index('cases_assignee_idx', { synchronize: false })
@Check('cases_number_check', 'number > 0')
@Check('cases_title_check', 'length(title) BETWEEN 1 AND 300')
@Check(
  'cases_severity_label_check',
  `severity_label IN ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`,
)
@Check('cases_severity_normalized_check', 'severity_normalized BETWEEN 0 AND 100')
@Check('cases_priority_check', 'priority BETWEEN 1 AND 5')
@Check(
  'cases_status_check',
  `status IN ('NEW', 'ACKNOWLEDGED', 'INVESTIGATING', 'CONTAINMENT', 'PENDING_CUSTOMER', 'RESOLVED', 'CLOSED')`,
)
@Check(
  'cases_disposition_check',
  `disposition IN ('TRUE_POSITIVE', 'BENIGN_EXPECTED', 'FALSE_POSITIVE', 'DUPLICATE')`,
)
@Check('cases_sla_state_check', `sla_state IN ('ON_TRACK', 'WARNING', 'BREACHED', 'PAUSED', 'MET')`)
@Check('cases_disposition_status_check', `(disposition IS NOT NULL) = (status IN ('RESOLVED', 'CLOSED'))`)
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'severity_label', type: 'text' })
  severityLabel: SeverityLabel;

  @Column({ name: 'severity_normalized', type: 'smallint' })
  severityNormalized: number;

  /** 1 (most urgent) to 5. */
  @Column({ type: 'smallint' })
  priority: number;

  @Column({ type: 'text', default: CaseStatus.NEW })
  status: CaseStatus;

  @Column({ type: 'text', nullable: true })
  disposition: CaseDisposition | null;

  @Column({ name: 'resolution_summary', type: 'text', nullable: true })
  resolutionSummary: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  /**
   * `resource:<id>` and `principal:<key>` of the case's raised findings: what grouping matches a new
   * finding on (GIN-indexed while the case is open).
   */
  @Column({ name: 'group_keys', type: 'text', array: true, default: '{}' })
  groupKeys: string[];

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Last finding attached or analyst action: the grouping window counts from here. */
  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @Column({ name: 'sla_ack_due_at', type: 'timestamptz', nullable: true })
  slaAckDueAt: Date | null;

  @Column({ name: 'sla_resolve_due_at', type: 'timestamptz', nullable: true })
  slaResolveDueAt: Date | null;

  /** The deadline that matters now: ack due while unacknowledged, else resolve due; null once done. */
  @Column({ name: 'sla_due_at', type: 'timestamptz', nullable: true })
  slaDueAt: Date | null;

  @Column({ name: 'sla_state', type: 'text', default: CaseSlaState.ON_TRACK })
  slaState: CaseSlaState;

  @Column({ name: 'sla_next_check_at', type: 'timestamptz', nullable: true })
  slaNextCheckAt: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'cases_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'cases_assignee_id_fkey' })
  assignee?: Relation<User>;

  @ManyToOne(() => Case, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'cases_merged_into_id_fkey' })
  mergedInto?: Relation<Case>;
}
