import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Finding } from '@sieve/findings';
import { Tenant } from '@sieve/tenancy';
import type { Fingerprint } from '../patterns/predicate.js';

/**
 * A finding of a case an analyst resolved TRUE_POSITIVE: what backtests refuse to hide and what
 * contradicts (retires) the patterns that matched it. Written by the case domain's listener through
 * `PatternFeedback`; removed when the case is reopened. The case is referenced by id only (the knowledge
 * base does not depend on the case domain).
 */
@Entity({ name: 'true_positive_findings' })
@Index('true_positive_findings_type_idx', { synchronize: false })
@Index('true_positive_findings_finding_idx', { synchronize: false })
@Index('true_positive_findings_marked_idx', { synchronize: false })
@Check('true_positive_findings_verdict_pattern_scope_check', `verdict_pattern_scope IN ('TENANT', 'GLOBAL')`)
export class TruePositiveFinding {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'finding_type', type: 'text' })
  findingType: string;

  /** The finding's fingerprint when it was marked (readable by the pooling job, which cannot read findings). */
  @Column({ type: 'jsonb', default: {} })
  fingerprint: Fingerprint;

  /** The pattern whose verdict the finding carried (a suppression later corrected by correlation). */
  @Column({ name: 'verdict_pattern_id', type: 'uuid', nullable: true })
  verdictPatternId: string | null;

  @Column({ name: 'verdict_pattern_scope', type: 'text', nullable: true })
  verdictPatternScope: 'TENANT' | 'GLOBAL' | null;

  /** Tenant patterns this true positive contradicted and retired. */
  @Column({ name: 'retired_pattern_ids', type: 'uuid', array: true, default: '{}' })
  retiredPatternIds: string[];

  @Column({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'true_positive_findings_finding_id_fkey' })
  finding?: Relation<Finding>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'true_positive_findings_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
