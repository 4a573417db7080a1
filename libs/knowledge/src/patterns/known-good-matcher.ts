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

/** Matching for one batch of one tenant's findings: patterns loaded once, hits written once. */
export interface BatchMatcher {
  match(query: MatchQuery): PatternMatch | null;
  /** Adds the batch's hits to the patterns' counters, in the caller's transaction. */
  commitHits(): Promise<void>;
}

/**
 * Finds the known-good pattern that covers a finding, if any. Looks only at the tenant's ACTIVE,
 * unexpired patterns of the finding's type (an index lookup, not a scan); the most specific pattern
 * (most predicates) wins, then the oldest. A pattern never suppresses a CRITICAL finding unless it
 * allows it explicitly.
 */
@Injectable()
export class KnownGoodMatcher {
  constructor(private readonly clock: Clock) {}

  async forBatch(
    manager: EntityManager,
    tenantId: string,
    findingTypes: readonly string[],
  ): Promise<BatchMatcher> {
    const types = [...new Set(findingTypes)];
    const patterns = types.length
      ? await manager
          .createQueryBuilder(KnownGoodPattern, 'p')
          .where('p.tenant_id = :tenantId AND p.finding_type IN (:...types) AND p.status = :active', {
            tenantId,
            types,
            active: PatternStatus.ACTIVE,
          })
          .andWhere('(p.expires_at IS NULL OR p.expires_at > :now)', { now: this.clock.now() })
          .orderBy('jsonb_array_length(p.predicates)', 'DESC')
          .addOrderBy('p.created_at', 'ASC')
          .getMany()
      : [];
    const byType = new Map<string, KnownGoodPattern[]>();
    for (const p of patterns) byType.set(p.findingType, [...(byType.get(p.findingType) ?? []), p]);
    const hits = new Map<string, number>();
    const now = this.clock.now();
    return {
      match: (query) => {
        const critical = query.severityLabel === 'CRITICAL';
        const winner = (byType.get(query.findingType) ?? []).find(
          (p) => (!critical || p.allowCritical) && allHold(p.predicates, query.fingerprint),
        );
        if (!winner) return null;
        const inBatch = hits.get(winner.id) ?? 0;
        hits.set(winner.id, inBatch + 1);
        return {
          patternId: winner.id,
          scope: 'TENANT',
          name: winner.name,
          description: winner.description,
          earlierHits: Number(winner.hits) + inBatch,
        };
      },
      commitHits: async () => {
        for (const [id, count] of hits) {
          await manager.update(KnownGoodPattern, { id }, { hits: () => `hits + ${count}`, lastHitAt: now });
        }
      },
    };
  }
}
