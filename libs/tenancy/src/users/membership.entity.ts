import { TenantRole } from '@sieve/core';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from './user.entity.js';

/** A person's role in one tenant. */
@Entity({ name: 'memberships' })
@Index('memberships_user_idx', ['userId'])
@Check('memberships_role_check', `role IN ('TENANT_ADMIN', 'TENANT_ANALYST', 'TENANT_VIEWER')`)
export class Membership {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: TenantRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'memberships_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'memberships_user_id_fkey' })
  user?: Relation<User>;
}
