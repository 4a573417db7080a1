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
  UpdateDateColumn,
} from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import { AwsAccountStatus } from './aws-account-status.js';

/** A customer's AWS account, reached by assuming `roleArn` with the tenant's ExternalId. */
@Entity({ name: 'aws_accounts' })
@Index('aws_accounts_tenant_account_key', ['tenantId', 'accountId'], { unique: true })
// Partial unique index (one owning tenant per account unless FAILED), declared in the migration.
@Index('aws_accounts_account_owner_key', { synchronize: false })
@Check('aws_accounts_account_id_check', `account_id ~ '^[0-9]{12}$'`)
@Check('aws_accounts_regions_check', 'cardinality(regions) > 0')
@Check('aws_accounts_status_check', `status IN ('ACTIVE', 'FAILED', 'DEGRADED')`)
export class AwsAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId: string;

  @Column({ name: 'role_arn', type: 'text' })
  roleArn: string;

  @Column({ type: 'text', array: true })
  regions: string[];

  /** The ExternalId the role's trust policy was deployed with (a rotated one keeps working until it retires). */
  @Column({ name: 'external_id', type: 'text', select: false })
  externalId: string;

  @Column({ type: 'text' })
  status: AwsAccountStatus;

  /** Why the account is FAILED or DEGRADED, in words for the customer. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'last_checked_at', type: 'timestamptz', nullable: true })
  lastCheckedAt: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'aws_accounts_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
