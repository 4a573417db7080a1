import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';

/**
 * The version of a tenant's pattern set, bumped by triggers in the transaction of every change to its
 * patterns (not of hit counts), and the last creation number given. Workers compare it with the set
 * they hold before each batch: one cheap read, and a change is never missed even without its
 * Redis message.
 */
@Entity({ name: 'pattern_set_versions' })
export class PatternSetVersion {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'bigint', default: 0 })
  version: string;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @OneToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'pattern_set_versions_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
