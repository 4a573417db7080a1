import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import type { StoredBacktest } from '../../backtest/backtest-report.js';
import { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { ProposalState } from './proposal-state.js';

/**
 * A pattern learnt from a resolved case, and its backtest. One row per proposed pattern (a case of several
 * finding types proposes several). The case is referenced by id and key only: the knowledge base does not
 * depend on the case domain.
 */
@Entity({ name: 'pattern_proposals' })
@Index('pattern_proposals_case_idx', { synchronize: false })
@Index('pattern_proposals_pending_idx', { synchronize: false })
@Check('pattern_proposals_disposition_check', `disposition IN ('BENIGN_EXPECTED', 'FALSE_POSITIVE')`)
@Check('pattern_proposals_finding_count_check', 'finding_count > 0')
@Check('pattern_proposals_state_check', `state IN ('PENDING', 'CLEAN', 'REFUSED', 'SKIPPED', 'ERROR')`)
export class PatternProposal {
  @PrimaryColumn({ name: 'pattern_id', type: 'uuid' })
  patternId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** ACME-42, as it was when the case was resolved. */
  @Column({ name: 'case_key', type: 'text' })
  caseKey: string;

  @Column({ type: 'text' })
  disposition: 'BENIGN_EXPECTED' | 'FALSE_POSITIVE';

  /** The case's findings of the pattern's type it was generalised from. */
  @Column({ name: 'finding_count', type: 'integer' })
  findingCount: number;

  @Column({ type: 'text', default: ProposalState.PENDING })
  state: ProposalState;

  /** The last backtest's report (see `StoredBacktest`). */
  @Column({ type: 'jsonb', nullable: true })
  backtest: StoredBacktest | null;

  @Column({ name: 'backtested_at', type: 'timestamptz', nullable: true })
  backtestedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @ManyToOne(() => KnownGoodPattern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pattern_id', foreignKeyConstraintName: 'pattern_proposals_pattern_id_fkey' })
  pattern?: Relation<KnownGoodPattern>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'pattern_proposals_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
