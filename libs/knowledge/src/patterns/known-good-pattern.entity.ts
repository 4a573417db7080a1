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
import { PatternStatus } from './pattern-status.js';
import type { Predicate } from './predicate.js';

/** Known-good behaviour of one tenant, as data: predicates over a finding's fingerprint. */
@Entity({ name: 'known_good_patterns' })
@Index('known_good_patterns_match_idx', { synchronize: false })
@Check('known_good_patterns_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('known_good_patterns_status_check', `status IN ('PROPOSED', 'ACTIVE', 'RETIRED')`)
export class KnownGoodPattern {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  /** Why this behaviour is expected, in the analyst's words; quoted in every verdict it gives. */
  @Column({ type: 'text', default: '' })
  description: string;

  /** The finding type it applies to: the first key of the match index. */
  @Column({ name: 'finding_type', type: 'text' })
  findingType: string;

  @Column({ type: 'jsonb' })
  predicates: Predicate[];

  @Column({ type: 'text' })
  status: PatternStatus;

  /** A pattern never suppresses a CRITICAL finding unless it says so here. */
  @Column({ name: 'allow_critical', type: 'boolean', default: false })
  allowCritical: boolean;

  @Column({ type: 'bigint', default: 0 })
  hits: string;

  @Column({ name: 'last_hit_at', type: 'timestamptz', nullable: true })
  lastHitAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'known_good_patterns_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
