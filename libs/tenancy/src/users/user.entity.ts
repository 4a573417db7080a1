import { PlatformRole } from '@sieve/core';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A person. Global: one person may work in several tenants through memberships. */
@Entity({ name: 'users' })
// Case-insensitive uniqueness is an expression index, declared in the migration.
@Index('users_email_key', { synchronize: false })
@Check('users_platform_role_check', `platform_role IN ('PLATFORM_ADMIN', 'MSSP_ANALYST')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'platform_role', type: 'text', nullable: true })
  platformRole: PlatformRole | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
