import type { UnitOfWork } from '@sieve/core';
import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Predicate } from '../patterns/predicate.js';
import { PoolTally } from './pool-tally.js';

interface ContributionRow {
  finding_type: string;
  predicates: Predicate[];
  support: PatternSupport | null;
  confidence: number;
}

/**
 * The contributions of every tenant that opted in, tallied in memory: each tenant's ACTIVE, unexpired
 * patterns are read in that tenant's own unit of work (row-level security as everywhere else), projected
 * and counted, one tenant at a time. The opt-in is read again inside the tenant's transaction, so a tenant
 * that opts out while a cycle runs is not counted by it.
 */
export async function gatherContributions(uow: UnitOfWork, now: Date): Promise<PoolTally> {
  const tenants = await uow.withPlatform(
    (manager) =>
      manager.query(`SELECT id FROM tenants WHERE pool_contribute ORDER BY id`) as Promise<{ id: string }[]>,
  );
  const tally = new PoolTally();
  for (const { id } of tenants) {
    const rows = await uow.withTenant(
      id,
      (manager) =>
        manager.query(
          `SELECT p.finding_type, p.predicates, p.support, p.confidence
           FROM known_good_patterns p JOIN tenants t ON t.id = p.tenant_id AND t.pool_contribute
           WHERE p.tenant_id = $1 AND p.status = 'ACTIVE' AND (p.expires_at IS NULL OR p.expires_at > $2)`,
          [id, now],
        ) as Promise<ContributionRow[]>,
    );
    tally.addTenant(
      rows.map((r) => ({
        findingType: r.finding_type,
        predicates: r.predicates,
        support: r.support,
        confidence: r.confidence,
      })),
    );
  }
  return tally;
}
