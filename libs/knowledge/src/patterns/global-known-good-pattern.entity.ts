import { Check, Column, Entity, Index } from 'typeorm';
import { PatternColumns } from './pattern-columns.js';

/**
 * A pooled known-good pattern: anonymised (generalised features only, no tenant identifier of any kind)
 * and confirmed benign in several tenants. Every tenant context may read it; only platform scope (the
 * pooling job) writes it. It applies to tenants that opted in to consuming the pool.
 */
@Entity({ name: 'global_known_good_patterns' })
@Index('global_known_good_patterns_match_idx', { synchronize: false })
@Index('global_known_good_patterns_seq_key', { synchronize: false })
@Check('global_known_good_patterns_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('global_known_good_patterns_status_check', `status IN ('PROPOSED', 'ACTIVE', 'RETIRED')`)
@Check('global_known_good_patterns_confidence_check', 'confidence BETWEEN 0 AND 1')
@Check('global_known_good_patterns_tenant_support_check', 'tenant_support >= 0')
export class GlobalKnownGoodPattern extends PatternColumns {
  /** How many distinct tenants confirmed it benign: a count, never which ones. */
  @Column({ name: 'tenant_support', type: 'integer', default: 0 })
  tenantSupport: number;
}
