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

/**
 * The secret-ish value customers' role trust policies require (confused-deputy protection). One is
 * current per tenant; a rotated one keeps working until `retiresAt`, so customers can update stacks.
 */
@Entity({ name: 'aws_external_ids' })
@Index('aws_external_ids_current_key', { synchronize: false })
@Check('aws_external_ids_external_id_check', 'length(external_id) >= 32')
export class AwsExternalId {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'external_id', type: 'text', unique: true })
  externalId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retires_at', type: 'timestamptz', nullable: true })
  retiresAt: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'aws_external_ids_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
