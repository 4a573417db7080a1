import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PatternSupport } from './pattern-schema.js';
import { PatternStatus } from './pattern-status.js';
import type { Predicate } from './predicate.js';

/**
 * What tenant and global known-good patterns share: the definition (type, predicates, support), the
 * lifecycle and its dates. `KnownGoodPattern` and `GlobalKnownGoodPattern` add their scope's columns.
 */
export abstract class PatternColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Creation number within the scope (the tenant's 12th pattern is P-12, the 3rd global one G-3), given
   * by a trigger from the scope's version row; the last precedence key (oldest first).
   */
  @Column({ type: 'integer', insert: false, update: false })
  seq: number;

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

  /** 0..1: how sure whoever proposed it was (1 for a pattern written by hand). */
  @Column({ type: 'real', default: 1 })
  confidence: number;

  /** What the findings it was learned from showed (countries, ASNs, ports…), for novelty vetoes. */
  @Column({ type: 'jsonb', nullable: true })
  support: PatternSupport | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** Set when the drift pass put an expiry on the pattern for lack of hits (lifted by a later hit). */
  @Column({ name: 'drift_marked_at', type: 'timestamptz', nullable: true })
  driftMarkedAt: Date | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'retired_reason', type: 'text', nullable: true })
  retiredReason: string | null;

  /** The actor that created the row (a user or API key id, or a system job's name). */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
