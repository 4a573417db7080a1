import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';

/** The last case number given out in a tenant; allocation is one UPDATE … RETURNING on this row. */
@Entity({ name: 'case_counters' })
@Check('case_counters_last_number_check', 'last_number > 0')
export class CaseCounter {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'case_counters_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
