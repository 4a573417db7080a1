import { Injectable } from '@nestjs/common';
import { Clock } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { type BatchMatcher, EMPTY_BATCH, PatternBatch } from './pattern-batch.js';
import { readVersions } from './pattern-loader.js';
import { PatternSetCache } from './pattern-set-cache.js';

/**
 * Finds the known-good pattern that covers a finding, if any, from compiled indexes held in memory: the
 * tenant's patterns first, then (for tenants that consume the pool) the global ones; within a scope the
 * most specific, then the oldest. A batch costs one read of the set versions; the sets are recompiled
 * only when a version moved. Patterns that match but carry a novelty veto do not suppress.
 */
@Injectable()
export class KnownGoodMatcher {
  constructor(
    private readonly cache: PatternSetCache,
    private readonly clock: Clock,
  ) {}

  /**
   * The matcher for one batch, in the batch's unit of work (`manager`, the tenant's transaction). The
   * batch's finding types only tell whether there is anything to judge: the tenant's whole set is held.
   */
  async forBatch(
    manager: EntityManager,
    tenantId: string,
    findingTypes: readonly string[],
  ): Promise<BatchMatcher> {
    if (findingTypes.length === 0) return EMPTY_BATCH;
    this.cache.listen();
    const versions = await readVersions(manager, tenantId);
    const tenant = await this.cache.tenantSet(manager, tenantId, versions.tenant);
    const global = versions.consumesGlobal ? await this.cache.globalSet(manager, versions.global) : null;
    return new PatternBatch(manager, tenantId, tenant, global, this.clock.now());
  }
}
