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
} from 'typeorm';
import { Finding } from '@sieve/findings';
import { Tenant } from '@sieve/tenancy';

/** One verdict to write back to Security Hub; unique per (finding, verdict time): never written twice. */
@Entity({ name: 'writeback_outbox' })
@Unique('writeback_outbox_finding_id_verdict_at_key', ['findingId', 'verdictAt'])
@Index('writeback_outbox_unsent_idx', { synchronize: false })
@Check('writeback_outbox_workflow_status_check', `workflow_status IN ('SUPPRESSED', 'NOTIFIED')`)
export class WritebackEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  @Column({ name: 'verdict_at', type: 'timestamptz' })
  verdictAt: Date;

  @Column({ name: 'aws_account_id', type: 'text' })
  awsAccountId: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ name: 'product_arn', type: 'text' })
  productArn: string;

  @Column({ name: 'provider_finding_id', type: 'text' })
  providerFindingId: string;

  @Column({ name: 'workflow_status', type: 'text' })
  workflowStatus: 'SUPPRESSED' | 'NOTIFIED';

  @Column({ type: 'text' })
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The flush sending the row: it holds the row until `leaseUntil`, without a transaction open. */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'writeback_outbox_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'writeback_outbox_finding_id_fkey' })
  finding?: Relation<Finding>;
}
