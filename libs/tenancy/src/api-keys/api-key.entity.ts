import { ApiKeyScope } from '@sieve/core';
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
import { Tenant } from '../tenants/tenant.entity.js';

/** An integration credential. Only a SHA-256 hash of the secret is stored; the secret is shown once. */
@Entity({ name: 'api_keys' })
@Index('api_keys_tenant_idx', ['tenantId', 'createdAt'])
@Check('api_keys_name_check', 'length(name) BETWEEN 1 AND 100')
@Check(
  'api_keys_scopes_check',
  `scopes <@ ARRAY['ingest', 'read', 'write', 'admin'] AND cardinality(scopes) > 0`,
)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  /** Public part of the key, used to find the row without scanning hashes. */
  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ name: 'key_hash', type: 'bytea', select: false })
  keyHash: Buffer;

  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'api_keys_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
