import {
  Check,
  Column,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import type { CaseActorType } from './case-actor.js';
import { Case } from './case.entity.js';

/** One entry of a case's timeline. Append-only; written only through `CaseTimeline`. */
@Entity({ name: 'case_events' })
@Index('case_events_case_idx', ['caseId', 'seq'])
@Check('case_events_type_check', `type ~ '^[A-Z][A-Z_]{1,39}$'`)
@Check('case_events_actor_type_check', `actor_type IN ('USER', 'API_KEY', 'SYSTEM')`)
export class CaseEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: entries written together share their time, and this keeps them in order. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** A `CaseEventType`, or a type another domain appends (SLA_WARNING, SLA_BREACHED…). */
  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: CaseActorType;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb', default: {} })
  data: Record<string, unknown>;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_events_case_id_fkey' })
  case?: Relation<Case>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'case_events_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
