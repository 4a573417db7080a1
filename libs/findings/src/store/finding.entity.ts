import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import { TriageStatus } from './triage-status.js';
import type { Verdict } from './verdict.js';

/** One finding of one tenant, at its latest version; `raw` is the JSON as the provider sent it. */
@Entity({ name: 'findings' })
@Index('findings_identity_key', ['tenantId', 'productArn', 'findingId'], { unique: true })
@Index('findings_tenant_seen_idx', { synchronize: false })
@Index('findings_triage_due_idx', { synchronize: false })
@Check('findings_source_check', `source IN ('securityhub', 'guardduty')`)
@Check(
  'findings_severity_label_check',
  `severity_label IN ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`,
)
@Check('findings_severity_normalized_check', 'severity_normalized BETWEEN 0 AND 100')
@Check('findings_triage_status_check', `triage_status IN ('PENDING', 'DONE', 'ERROR', 'DEAD')`)
@Check('findings_verdict_check', `verdict IN ('SUPPRESSED', 'RAISED')`)
@Check('findings_verdict_priority_check', 'verdict_priority BETWEEN 1 AND 5')
@Check('findings_verdict_pattern_scope_check', `verdict_pattern_scope IN ('TENANT', 'GLOBAL')`)
@Index('findings_tenant_verdict_idx', { synchronize: false })
// Retro-correlation finds a tenant's findings by resource and by principal (partial: judged findings only).
@Index('findings_resource_key_idx', { synchronize: false })
@Index('findings_principal_key_idx', { synchronize: false })
export class Finding {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'product_arn', type: 'text' })
  productArn: string;

  /** The provider's id (ASFF `Id`; the GuardDuty finding ARN for GuardDuty, whichever path it came by). */
  @Column({ name: 'finding_id', type: 'text' })
  findingId: string;

  @Column({ type: 'text' })
  source: 'securityhub' | 'guardduty';

  @Column({ name: 'aws_account_id', type: 'text' })
  awsAccountId: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ name: 'finding_type', type: 'text' })
  findingType: string;

  @Column({ type: 'text', array: true })
  types: string[];

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'severity_label', type: 'text' })
  severityLabel: string;

  @Column({ name: 'severity_normalized', type: 'smallint' })
  severityNormalized: number;

  @Column({ name: 'provider_created_at', type: 'timestamptz' })
  providerCreatedAt: Date;

  @Column({ name: 'provider_updated_at', type: 'timestamptz' })
  providerUpdatedAt: Date;

  @Column({ name: 'record_state', type: 'text', nullable: true })
  recordState: string | null;

  @Column({ name: 'workflow_status', type: 'text', nullable: true })
  workflowStatus: string | null;

  @Column({ type: 'jsonb' })
  resources: unknown[];

  @Column({ type: 'jsonb' })
  observables: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  raw: Record<string, unknown>;

  /** Versions received (a newer UpdatedAt); redelivered or older versions do not count. */
  @Column({ type: 'integer', default: 1 })
  occurrences: number;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Column({ name: 'triage_status', type: 'text', default: TriageStatus.PENDING })
  triageStatus: TriageStatus;

  @Column({ name: 'triage_requested_at', type: 'timestamptz', default: () => 'now()' })
  triageRequestedAt: Date;

  /** What the enrichers found (resource, IP intelligence, principal, CloudTrail, history), by enricher. */
  @Column({ type: 'jsonb', nullable: true })
  enrichment: Record<string, unknown> | null;

  /** The features known-good patterns match on. */
  @Column({ type: 'jsonb', nullable: true })
  fingerprint: Record<string, unknown> | null;

  /** The fingerprint's `resourceId` and `principalKey`, kept by PostgreSQL as plain, indexed columns. */
  @Column({
    name: 'resource_key',
    type: 'text',
    nullable: true,
    generatedType: 'STORED',
    asExpression: `fingerprint->>'resourceId'`,
    insert: false,
    update: false,
  })
  resourceKey: string | null;

  @Column({
    name: 'principal_key',
    type: 'text',
    nullable: true,
    generatedType: 'STORED',
    asExpression: `fingerprint->>'principalKey'`,
    insert: false,
    update: false,
  })
  principalKey: string | null;

  @Column({ type: 'text', nullable: true })
  verdict: Verdict | null;

  /** For RAISED: 1 (most urgent) to 5. */
  @Column({ name: 'verdict_priority', type: 'smallint', nullable: true })
  verdictPriority: number | null;

  /** One sentence an analyst can read: which pattern suppressed it and why, or why it was raised. */
  @Column({ name: 'verdict_explanation', type: 'text', nullable: true })
  verdictExplanation: string | null;

  @Column({ name: 'verdict_pattern_id', type: 'uuid', nullable: true })
  verdictPatternId: string | null;

  @Column({ name: 'verdict_pattern_scope', type: 'text', nullable: true })
  verdictPatternScope: 'TENANT' | 'GLOBAL' | null;

  @Column({ name: 'verdict_at', type: 'timestamptz', nullable: true })
  verdictAt: Date | null;

  @Column({ name: 'triage_attempts', type: 'integer', default: 0 })
  triageAttempts: number;

  /** The last triage failure, for the dead-letter view. */
  @Column({ name: 'triage_error', type: 'text', nullable: true })
  triageError: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'findings_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
