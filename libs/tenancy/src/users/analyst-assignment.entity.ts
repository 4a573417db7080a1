import {
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from './user.entity.js';

/** A tenant an MSSP analyst works on; the list bounds their cross-tenant context. */
@Entity({ name: 'analyst_assignments' })
@Index('analyst_assignments_tenant_idx', ['tenantId'])
export class AnalystAssignment {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'assigned_by', type: 'uuid', nullable: true })
  assignedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'analyst_assignments_user_id_fkey' })
  user?: Relation<User>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'analyst_assignments_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'assigned_by', foreignKeyConstraintName: 'analyst_assignments_assigned_by_fkey' })
  assigner?: Relation<User>;
}
