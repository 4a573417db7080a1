import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import type { SeverityLabel } from '../../model/severity.js';

/** A tenant's own targets for one severity, replacing its contract tier's default. */
@Entity({ name: 'sla_policies' })
@Check(
  'sla_policies_severity_label_check',
  `severity_label IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL')`,
)
@Check('sla_policies_ack_minutes_check', 'ack_minutes BETWEEN 1 AND 525600')
@Check('sla_policies_resolve_minutes_check', 'resolve_minutes BETWEEN ack_minutes AND 525600')
export class SlaPolicyOverride {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'severity_label', type: 'text' })
  severityLabel: SeverityLabel;

  @Column({ name: 'ack_minutes', type: 'integer' })
  ackMinutes: number;

  @Column({ name: 'resolve_minutes', type: 'integer' })
  resolveMinutes: number;

  /** Who set it (user or API key id), for the record next to the audit log. */
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'sla_policies_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
