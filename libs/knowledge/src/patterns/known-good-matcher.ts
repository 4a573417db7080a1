import { Injectable } from '@nestjs/common';
import { Clock } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { KnownGoodPattern } from './known-good-pattern.entity.js';
import { PatternStatus } from './pattern-status.js';
import { allHold, type Fingerprint } from './predicate.js';

export interface PatternMatch {
  patternId: string;
  scope: 'TENANT' | 'GLOBAL';
  name: string;
  description: string;
  /** Matches before this one. */
  earlierHits: number;
}

export interface MatchQuery {
  findingType: string;
  severityLabel: string;
  fingerprint: Fingerprint;
}

/**
 * Finds the known-good pattern that covers a finding, if any. Looks only at the tenant's ACTIVE,
 * unexpired patterns of the finding's type (an index lookup, not a scan); the most specific pattern
 * (most predicates) wins, then the oldest. Records the hit in the same transaction as the verdict.
 */
@Injectable()
export class KnownGoodMatcher {
  constructor(private readonly clock: Clock) {}

  async match(manager: EntityManager, tenantId: string, query: MatchQuery): Promise<PatternMatch | null> {
    const candidates = await manager
      .createQueryBuilder(KnownGoodPattern, 'p')
      .where('p.tenant_id = :tenantId AND p.finding_type = :findingType AND p.status = :active', {
        tenantId,
        findingType: query.findingType,
        active: PatternStatus.ACTIVE,
      })
      .andWhere('(p.expires_at IS NULL OR p.expires_at > :now)', { now: this.clock.now() })
      .orderBy('jsonb_array_length(p.predicates)', 'DESC')
      .addOrderBy('p.created_at', 'ASC')
      .getMany();
    const critical = query.severityLabel === 'CRITICAL';
    const winner = candidates.find(
      (p) => (!critical || p.allowCritical) && allHold(p.predicates, query.fingerprint),
    );
    if (!winner) return null;
    await manager.update(
      KnownGoodPattern,
      { id: winner.id },
      { hits: () => 'hits + 1', lastHitAt: this.clock.now() },
    );
    return {
      patternId: winner.id,
      scope: 'TENANT',
      name: winner.name,
      description: winner.description,
      earlierHits: Number(winner.hits),
    };
  }
}
