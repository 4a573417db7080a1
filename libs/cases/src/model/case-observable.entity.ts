import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { Finding } from '@sieve/findings';
import { Tenant } from '@sieve/tenancy';
import { Case } from './case.entity.js';

export enum ObservableType {
  IP = 'IP',
  DOMAIN = 'DOMAIN',
  PRINCIPAL_ARN = 'PRINCIPAL_ARN',
  ACCESS_KEY_ID = 'ACCESS_KEY_ID',
  RESOURCE_ARN = 'RESOURCE_ARN',
  HASH = 'HASH',
}

export type ObservableSource = 'FINDING' | 'MANUAL';

/** An indicator of a case, extracted from its findings or added by an analyst; one per case, type and value. */
@Entity({ name: 'case_observables' })
@Unique('case_observables_case_id_type_value_key', ['caseId', 'type', 'value'])
@Check(
  'case_observables_type_check',
  `type IN ('IP', 'DOMAIN', 'PRINCIPAL_ARN', 'ACCESS_KEY_ID', 'RESOURCE_ARN', 'HASH')`,
)
@Check('case_observables_value_check', 'length(value) BETWEEN 1 AND 2048')
@Check('case_observables_source_check', `source IN ('FINDING', 'MANUAL')`)
export class CaseObservable {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  type: ObservableType;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text' })
  source: ObservableSource;

  /** The finding it was first extracted from. */
  @Column({ name: 'finding_id', type: 'uuid', nullable: true })
  findingId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_observables_case_id_fkey' })
  case?: Relation<Case>;

  @ManyToOne(() => Finding, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'case_observables_finding_id_fkey' })
  finding?: Relation<Finding>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'case_observables_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
