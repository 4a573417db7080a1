import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import { PatternActivationPolicy } from './learning-policy.js';

/** A tenant's learning policy; a tenant without a row runs on `DEFAULT_LEARNING_POLICY`. */
@Entity({ name: 'pattern_learning_policies' })
@Check(
  'pattern_learning_policies_activation_check',
  `activation IN ('AUTO_AFTER_CLEAN_BACKTEST', 'REQUIRE_APPROVAL')`,
)
@Check('pattern_learning_policies_backtest_days_check', 'backtest_days BETWEEN 1 AND 365')
export class PatternLearningPolicyRow {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  activation: PatternActivationPolicy;

  @Column({ name: 'backtest_days', type: 'integer', default: 30 })
  backtestDays: number;

  /** The user or API key id that set it. */
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'pattern_learning_policies_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
