import { Injectable } from '@nestjs/common';
import {
  type Connection,
  type ConnectionArgs,
  SieveException,
  UnitOfWork,
  isUuid,
  paginateNewestFirst,
} from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { GlobalKnownGoodPattern } from '../patterns/global-known-good-pattern.entity.js';
import type { PatternFilter } from './known-good-patterns.service.js';

/** A pooled pattern as one tenant sees it: with its own hits on it, never another tenant's. */
export interface GlobalPatternView {
  pattern: GlobalKnownGoodPattern;
  tenantHits: number;
  tenantLastHitAt: Date | null;
}

/** Read-only access to the pooled (global) patterns, from a tenant's unit of work. */
@Injectable()
export class GlobalPatternsService {
  constructor(private readonly uow: UnitOfWork) {}

  list(
    tenantId: string,
    filter: PatternFilter,
    args: ConnectionArgs,
  ): Promise<Connection<GlobalPatternView>> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const query = manager.createQueryBuilder(GlobalKnownGoodPattern, 'g');
      if (filter.status) query.andWhere('g.status = :status', { status: filter.status });
      if (filter.findingType) query.andWhere('g.finding_type = :type', { type: filter.findingType });
      const page = await paginateNewestFirst(query, args, { alias: 'g', idType: 'uuid', idOf: (g) => g.id });
      const views = await this.withHits(
        manager,
        tenantId,
        page.edges.map((e) => e.node),
      );
      return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: views[i] })) };
    });
  }

  get(tenantId: string, id: string): Promise<GlobalPatternView> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const pattern = isUuid(id) ? await manager.findOneBy(GlobalKnownGoodPattern, { id }) : null;
      if (!pattern) throw SieveException.notFound('Global known-good pattern', id);
      return (await this.withHits(manager, tenantId, [pattern]))[0];
    });
  }

  private async withHits(
    manager: EntityManager,
    tenantId: string,
    patterns: GlobalKnownGoodPattern[],
  ): Promise<GlobalPatternView[]> {
    const rows = patterns.length
      ? ((await manager.query(
          `SELECT pattern_id, hits, last_hit_at FROM global_pattern_hits WHERE tenant_id = $1 AND pattern_id = ANY($2::uuid[])`,
          [tenantId, patterns.map((p) => p.id)],
        )) as { pattern_id: string; hits: string; last_hit_at: Date | null }[])
      : [];
    const byId = new Map(rows.map((r) => [r.pattern_id, r]));
    return patterns.map((pattern) => ({
      pattern,
      tenantHits: Number(byId.get(pattern.id)?.hits ?? 0),
      tenantLastHitAt: byId.get(pattern.id)?.last_hit_at ?? null,
    }));
  }
}
