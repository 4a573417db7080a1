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
import type { CaseActorType } from './case-actor.js';
import { Case } from './case.entity.js';

/** A markdown comment on a case, by an analyst, a tenant user or an integration. */
@Entity({ name: 'case_comments' })
@Index('case_comments_case_idx', { synchronize: false })
@Check('case_comments_author_type_check', `author_type IN ('USER', 'API_KEY', 'SYSTEM')`)
@Check('case_comments_body_check', 'length(body) BETWEEN 1 AND 20000')
export class CaseComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'author_type', type: 'text' })
  authorType: CaseActorType;

  /** A user id, an API key id or a system actor's name. */
  @Column({ name: 'author_id', type: 'text', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_comments_case_id_fkey' })
  case?: Relation<Case>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'case_comments_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
