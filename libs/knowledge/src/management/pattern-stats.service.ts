import { Injectable } from '@nestjs/common';
import { Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { PatternStatus } from '../patterns/pattern-status.js';

/** Patterns whose expiry falls within this window count as expiring soon. */
export const EXPIRING_SOON_DAYS = 7;
const TOP = 5;

export interface PatternHitCount {
  id: string;
  reference: string;
  name: string;
  hits: number;
  lastHitAt: Date | null;
}

export interface PatternScopeStats {
  proposed: number;
  active: number;
  retired: number;
  /** Suppressions by patterns of the scope in this tenant. */
  hits: number;
  lastHitAt: Date | null;
  /** ACTIVE patterns that expire within EXPIRING_SOON_DAYS (drift marks included). */
  expiringSoon: number;
  /** The ACTIVE patterns with the most hits in this tenant. */
  top: PatternHitCount[];
}

export interface PatternStats {
  tenant: PatternScopeStats;
  global: PatternScopeStats;
  consumesGlobalPatterns: boolean;
}

interface Row {
  status: PatternStatus;
  n: number;
  expiring: number;
  hits: string;
  last_hit_at: Date | null;
}

interface TopRow {
  id: string;
  seq: number;
  name: string;
  hits: string;
  last_hit_at: Date | null;
}

function scopeStats(rows: Row[], top: TopRow[], prefix: string): PatternScopeStats {
  const by = (s: PatternStatus) => rows.find((r) => r.status === s);
  const lastHits = rows.map((r) => r.last_hit_at).filter((d): d is Date => d !== null);
  return {
    proposed: by(PatternStatus.PROPOSED)?.n ?? 0,
    active: by(PatternStatus.ACTIVE)?.n ?? 0,
    retired: by(PatternStatus.RETIRED)?.n ?? 0,
    hits: rows.reduce((sum, r) => sum + Number(r.hits), 0),
    lastHitAt: lastHits.length ? new Date(Math.max(...lastHits.map((d) => d.getTime()))) : null,
    expiringSoon: by(PatternStatus.ACTIVE)?.expiring ?? 0,
    top: top.map((t) => ({
      id: t.id,
      reference: `${prefix}-${t.seq}`,
      name: t.name,
      hits: Number(t.hits),
      lastHitAt: t.last_hit_at,
    })),
  };
}

/** Counts by scope and status, hits and last hits, for `patternStats`: a few aggregate reads. */
@Injectable()
export class PatternStatsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  stats(tenantId: string): Promise<PatternStats> {
    const soon = new Date(this.clock.now().getTime() + EXPIRING_SOON_DAYS * 86_400_000);
    return this.uow.withTenant(tenantId, async (manager) => ({
      tenant: await this.tenantStats(manager, tenantId, soon),
      global: await this.globalStats(manager, tenantId, soon),
      consumesGlobalPatterns: await this.consumes(manager, tenantId),
    }));
  }

  private async tenantStats(
    manager: EntityManager,
    tenantId: string,
    soon: Date,
  ): Promise<PatternScopeStats> {
    const rows = (await manager.query(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE expires_at <= $2)::int AS expiring,
              coalesce(sum(hits), 0)::text AS hits, max(last_hit_at) AS last_hit_at
       FROM known_good_patterns WHERE tenant_id = $1 GROUP BY status`,
      [tenantId, soon],
    )) as Row[];
    const top = (await manager.query(
      `SELECT id, seq, name, hits, last_hit_at FROM known_good_patterns
       WHERE tenant_id = $1 AND status = 'ACTIVE' AND hits > 0 ORDER BY hits DESC, seq LIMIT ${TOP}`,
      [tenantId],
    )) as TopRow[];
    return scopeStats(rows, top, 'P');
  }

  private async globalStats(
    manager: EntityManager,
    tenantId: string,
    soon: Date,
  ): Promise<PatternScopeStats> {
    const rows = (await manager.query(
      `SELECT g.status, count(*)::int AS n, count(*) FILTER (WHERE g.expires_at <= $2)::int AS expiring,
              coalesce(sum(h.hits), 0)::text AS hits, max(h.last_hit_at) AS last_hit_at
       FROM global_known_good_patterns g
       LEFT JOIN global_pattern_hits h ON h.pattern_id = g.id AND h.tenant_id = $1
       GROUP BY g.status`,
      [tenantId, soon],
    )) as Row[];
    const top = (await manager.query(
      `SELECT g.id, g.seq, g.name, h.hits, h.last_hit_at
       FROM global_pattern_hits h JOIN global_known_good_patterns g ON g.id = h.pattern_id
       WHERE h.tenant_id = $1 AND g.status = 'ACTIVE' AND h.hits > 0 ORDER BY h.hits DESC, g.seq LIMIT ${TOP}`,
      [tenantId],
    )) as TopRow[];
    return scopeStats(rows, top, 'G');
  }

  private async consumes(manager: EntityManager, tenantId: string): Promise<boolean> {
    const rows = (await manager.query(`SELECT pool_consume FROM tenants WHERE id = $1`, [tenantId])) as {
      pool_consume: boolean;
    }[];
    return rows[0]?.pool_consume === true;
  }
}
