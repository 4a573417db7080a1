import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Finding } from '@sieve/findings';
import { Tenant } from '@sieve/tenancy';
import { Case } from './case.entity.js';

/**
 * Why a finding is in a case:
 * - `raised`: the triage pipeline raised it and grouping put it here (the `finding.raised` webhook);
 * - `grouped`: raised earlier, outside any open case, and pulled in by a later finding on the same resource
 *   or principal;
 * - `correlated`: suppressed earlier and pulled in as context by retro-correlation (re-labelled RAISED);
 * - `moved`: moved here from another case, or by a merge;
 * - `manual`: attached by hand.
 */
export type CaseFindingReason = 'raised' | 'grouped' | 'correlated' | 'moved' | 'manual';

export const CASE_FINDING_REASONS: readonly CaseFindingReason[] = [
  'raised',
  'grouped',
  'correlated',
  'moved',
  'manual',
];

/**
 * A finding linked to a case. A finding is in at most one open case at a time: grouping skips findings
 * already in an open case, and moving a finding detaches it from its open case. Links to resolved or
 * closed cases stay as history, so a finding that recurs after its case was resolved can open a new one.
 */
@Entity({ name: 'case_findings' })
@Index('case_findings_finding_idx', ['findingId'])
@Index('case_findings_attached_idx', { synchronize: false })
@Check('case_findings_reason_check', `reason IN ('raised', 'grouped', 'correlated', 'moved', 'manual')`)
export class CaseFinding {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  reason: CaseFindingReason;

  @Column({ name: 'attached_at', type: 'timestamptz', default: () => 'now()' })
  attachedAt: Date;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_findings_case_id_fkey' })
  case?: Relation<Case>;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'case_findings_finding_id_fkey' })
  finding?: Relation<Finding>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'case_findings_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
