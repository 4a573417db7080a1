import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import { GlobalKnownGoodPattern } from './global-known-good-pattern.entity.js';

/**
 * Hits of a global pattern in one tenant: kept on the tenant's side, so tenants never write the shared
 * row, and so drift and pooling can see where a pooled pattern is still in use.
 */
@Entity({ name: 'global_pattern_hits' })
export class GlobalPatternHit {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'pattern_id', type: 'uuid' })
  patternId: string;

  @Column({ type: 'bigint', default: 0 })
  hits: string;

  @Column({ name: 'last_hit_at', type: 'timestamptz', nullable: true })
  lastHitAt: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'global_pattern_hits_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => GlobalKnownGoodPattern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pattern_id', foreignKeyConstraintName: 'global_pattern_hits_pattern_id_fkey' })
  pattern?: Relation<GlobalKnownGoodPattern>;
}
