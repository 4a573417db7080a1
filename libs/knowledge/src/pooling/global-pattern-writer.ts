import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Predicate } from '../patterns/predicate.js';
import { renderPattern } from '../patterns/pattern-rendering.js';
import type { ShapeTally } from './pool-tally.js';
import { canonicalJson } from './predicate-projection.js';

const MAX_NAME = 200;

/** An ACTIVE global pattern as the pool reads it (under lock, in the cycle's transaction). */
export interface ActiveGlobal {
  id: string;
  seq: number;
  finding_type: string;
  predicates: Predicate[];
  support: PatternSupport | null;
  confidence: number;
  tenant_support: number;
}
/** Who created a pooled pattern: the job, never a tenant's person or key. */
export const POOLED_PATTERN_CREATOR = 'pooling';

function nameOf(shape: ShapeTally['shape']): string {
  const name = `Pooled: ${renderPattern(shape)}`;
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1)}…`;
}

/**
 * Writes global patterns for the pool (platform scope). Every column is the pool's own: the shape's
 * canonical predicates, a name rendered from them, a fixed description, the pooled support and the count of
 * tenants. Nothing is copied from a tenant pattern (names, descriptions, provenance and dates may all carry
 * the tenant's words), and a pooled pattern never suppresses a CRITICAL finding.
 */
@Injectable()
export class GlobalPatternWriter {
  async create(
    manager: EntityManager,
    shape: ShapeTally,
    support: PatternSupport,
    threshold: number,
    now: Date,
  ): Promise<{ id: string; seq: number }> {
    const description =
      `Known-good behaviour confirmed in at least ${threshold} tenants, pooled from their patterns reduced ` +
      'to generalised features. Retired everywhere as soon as a finding it matches is resolved TRUE_POSITIVE.';
    const [row] = (await manager.query(
      `INSERT INTO global_known_good_patterns (name, description, finding_type, predicates, status, allow_critical,
         confidence, support, tenant_support, activated_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'ACTIVE', false, $5, $6, $7, $8, $9, $8, $8)
       RETURNING id, seq`,
      [
        nameOf(shape.shape),
        description,
        shape.shape.findingType,
        canonicalJson(shape.shape.predicates),
        shape.confidence,
        canonicalJson(support),
        shape.tenants,
        now,
        POOLED_PATTERN_CREATOR,
      ],
    )) as { id: string; seq: number }[];
    return row;
  }

  async retire(manager: EntityManager, id: string, reason: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE global_known_good_patterns SET status = 'RETIRED', retired_at = $2, retired_reason = $3, updated_at = $2
       WHERE id = $1 AND status = 'ACTIVE'`,
      [id, now, reason],
    );
  }

  /**
   * Brings an active pooled pattern up to date. Its support and confidence decide what it suppresses (a
   * change bumps the global set's version, and workers reload); the count of tenants is bookkeeping.
   * Returns whether the former changed.
   */
  async refresh(
    manager: EntityManager,
    current: ActiveGlobal,
    next: { support: PatternSupport; confidence: number; tenants: number },
    now: Date,
  ): Promise<boolean> {
    const { support, confidence, tenants } = next;
    const changed =
      canonicalJson(current.support) !== canonicalJson(support) ||
      Math.abs(current.confidence - confidence) > 1e-6;
    if (changed) {
      await manager.query(
        `UPDATE global_known_good_patterns SET support = $2, confidence = $3, tenant_support = $4, updated_at = $5
         WHERE id = $1`,
        [current.id, canonicalJson(support), confidence, tenants, now],
      );
    } else if (current.tenant_support !== tenants) {
      await manager.query(
        `UPDATE global_known_good_patterns SET tenant_support = $2, updated_at = $3 WHERE id = $1`,
        [current.id, tenants, now],
      );
    }
    return changed;
  }
}
