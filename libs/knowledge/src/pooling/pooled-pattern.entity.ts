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
  UpdateDateColumn,
} from 'typeorm';
import { GlobalKnownGoodPattern } from '../patterns/global-known-good-pattern.entity.js';
import type { Predicate } from '../patterns/predicate.js';
import { PooledPatternState } from './pooled-pattern-state.js';

/**
 * The pool's memory of a shape that reached k contributing tenants: its anonymised predicates, its state and
 * the global pattern it became. No tenant column, and nothing per tenant: contributions are counted afresh
 * by each cycle and only the count is kept. Shapes below the threshold are never written anywhere.
 * Platform scope only (the pooling job and platform admins); tenants see the global patterns.
 */
@Entity({ name: 'pooled_patterns' })
@Unique('pooled_patterns_key_key', ['key'])
@Index('pooled_patterns_created_idx', ['createdAt', 'id'])
@Check('pooled_patterns_key_check', `key ~ '^[0-9a-f]{64}$'`)
@Check('pooled_patterns_state_check', `state IN ('PROMOTED', 'WITHDRAWN', 'BLOCKED')`)
@Check('pooled_patterns_tenant_support_check', 'tenant_support >= 0')
export class PooledPattern {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 of the canonical finding type and predicates (`shapeKey`). */
  @Column({ type: 'text' })
  key: string;

  @Column({ name: 'finding_type', type: 'text' })
  findingType: string;

  @Column({ type: 'jsonb' })
  predicates: Predicate[];

  @Column({ type: 'text' })
  state: PooledPatternState;

  /** Distinct contributing tenants at the last cycle: a count, never which. */
  @Column({ name: 'tenant_support', type: 'integer', default: 0 })
  tenantSupport: number;

  /** The global pattern it became last (a re-promotion after a withdrawal makes a new one). */
  @Column({ name: 'global_pattern_id', type: 'uuid', nullable: true })
  globalPatternId: string | null;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt: Date | null;

  @Column({ name: 'blocked_reason', type: 'text', nullable: true })
  blockedReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => GlobalKnownGoodPattern, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'global_pattern_id',
    foreignKeyConstraintName: 'pooled_patterns_global_pattern_id_fkey',
  })
  globalPattern?: Relation<GlobalKnownGoodPattern>;
}
