import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Predicate } from '../patterns/predicate.js';
import { type PoolShape, projectPattern } from './pattern-projection.js';
import { type TenantSupport, emptyTenantSupport, mergeSupport } from './support-pooling.js';

/** An ACTIVE tenant pattern, as far as the pool reads it. */
export interface ContributedPattern {
  findingType: string;
  predicates: readonly Predicate[];
  support: PatternSupport | null;
  confidence: number;
}

/** A shape and what its contributing tenants confirmed: how many, each one's support, the least confidence. */
export interface ShapeTally {
  shape: PoolShape;
  tenants: number;
  supports: TenantSupport[];
  confidence: number;
}

/**
 * The contributions of one cycle, in memory only. Tenants are added one at a time; each shape counts a tenant
 * once however many of its patterns give that shape, and the tenant's identity is never kept: after
 * `addTenant` returns, nothing says which tenant a count or a support came from.
 */
export class PoolTally {
  private readonly shapes = new Map<string, ShapeTally>();
  private tenants = 0;

  addTenant(patterns: readonly ContributedPattern[]): void {
    const own = new Map<string, { shape: PoolShape; support: TenantSupport; confidence: number }>();
    for (const pattern of patterns) {
      for (const shape of projectPattern(pattern)) {
        let entry = own.get(shape.key);
        if (!entry) {
          entry = { shape, support: emptyTenantSupport(), confidence: 1 };
          own.set(shape.key, entry);
        }
        mergeSupport(entry.support, pattern.support);
        entry.confidence = Math.min(entry.confidence, pattern.confidence);
      }
    }
    for (const [key, entry] of own) {
      let tally = this.shapes.get(key);
      if (!tally) {
        tally = { shape: entry.shape, tenants: 0, supports: [], confidence: 1 };
        this.shapes.set(key, tally);
      }
      tally.tenants += 1;
      tally.supports.push(entry.support);
      tally.confidence = Math.min(tally.confidence, entry.confidence);
    }
    this.tenants += 1;
  }

  /** Tenants added (contributing tenants, with or without a poolable pattern). */
  get contributors(): number {
    return this.tenants;
  }

  /** Distinct shapes contributed by at least one tenant. */
  get size(): number {
    return this.shapes.size;
  }

  tenantsOf(key: string): number {
    return this.shapes.get(key)?.tenants ?? 0;
  }

  /** Shapes confirmed by at least `k` distinct tenants. */
  confirmed(k: number): ShapeTally[] {
    return [...this.shapes.values()].filter((t) => t.tenants >= k);
  }
}
