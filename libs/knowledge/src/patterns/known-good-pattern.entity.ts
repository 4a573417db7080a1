import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import { PatternColumns } from './pattern-columns.js';

/** Known-good behaviour of one tenant, as data: predicates over a finding's fingerprint. */
@Entity({ name: 'known_good_patterns' })
@Index('known_good_patterns_match_idx', { synchronize: false })
@Index('known_good_patterns_tenant_seq_key', { synchronize: false })
@Index('known_good_patterns_tenant_created_idx', { synchronize: false })
@Check('known_good_patterns_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('known_good_patterns_status_check', `status IN ('PROPOSED', 'ACTIVE', 'RETIRED')`)
@Check('known_good_patterns_confidence_check', 'confidence BETWEEN 0 AND 1')
export class KnownGoodPattern extends PatternColumns {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'bigint', default: 0 })
  hits: string;

  @Column({ name: 'last_hit_at', type: 'timestamptz', nullable: true })
  lastHitAt: Date | null;

  /** Provenance: the case whose disposition taught it, and the analyst who gave it (ids kept as history). */
  @Column({ name: 'source_case_id', type: 'uuid', nullable: true })
  sourceCaseId: string | null;

  @Column({ name: 'source_analyst_id', type: 'uuid', nullable: true })
  sourceAnalystId: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'known_good_patterns_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
