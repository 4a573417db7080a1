import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';

/**
 * The pull position of one account × region: findings with an UpdatedAt at or after `updatedSince`
 * (minus an overlap) are read on the next poll. Null until the first successful poll.
 */
@Entity({ name: 'finding_poll_cursors' })
export class PollCursor {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'aws_account_id', type: 'text' })
  awsAccountId: string;

  @PrimaryColumn({ type: 'text' })
  region: string;

  @Column({ name: 'updated_since', type: 'timestamptz', nullable: true })
  updatedSince: Date | null;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'findings_read', type: 'bigint', default: 0 })
  findingsRead: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'finding_poll_cursors_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
