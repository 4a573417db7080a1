import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ContractTier } from './contract-tier.js';

@Entity({ name: 'tenants' })
@Check('tenants_slug_check', `slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'`)
@Check('tenants_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('tenants_contract_tier_check', `contract_tier IN ('ESSENTIAL', 'STANDARD', 'PREMIUM')`)
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short, stable handle; prefixes case numbers (ACME-42). */
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone, for business-hours SLAs and reports. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'contract_tier', type: 'text' })
  contractTier: ContractTier;

  /** Opt-in to share anonymised known-good patterns with the pool. */
  @Column({ name: 'pool_contribute', type: 'boolean', default: false })
  poolContribute: boolean;

  /** Opt-in to be protected by patterns pooled from other tenants. */
  @Column({ name: 'pool_consume', type: 'boolean', default: false })
  poolConsume: boolean;

  /** Write verdicts back to the tenant's Security Hub (workflow status and a note). */
  @Column({ name: 'writeback_enabled', type: 'boolean', default: true })
  writebackEnabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
