import type { EntityManager } from 'typeorm';
import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Predicate } from '../patterns/predicate.js';
import type { PatternRecord } from './compiled-pattern.js';

export interface SetVersions {
  tenant: number;
  global: number;
  /** The tenant opted in to being protected by pooled patterns. */
  consumesGlobal: boolean;
}

/** The one read a batch costs when nothing changed: both versions and the pool opt-in. */
export async function readVersions(manager: EntityManager, tenantId: string): Promise<SetVersions> {
  const [row] = (await manager.query(
    `SELECT (SELECT version FROM pattern_set_versions WHERE tenant_id = $1) AS tenant,
            (SELECT version FROM global_pattern_set_version) AS global,
            (SELECT pool_consume FROM tenants WHERE id = $1) AS consume`,
    [tenantId],
  )) as [{ tenant: string | null; global: string | null; consume: boolean | null }];
  return {
    tenant: Number(row.tenant ?? 0),
    global: Number(row.global ?? 0),
    consumesGlobal: row.consume === true,
  };
}

interface PatternRow {
  id: string;
  seq: number;
  name: string;
  description: string;
  finding_type: string;
  predicates: Predicate[];
  allow_critical: boolean;
  confidence: number;
  expires_at: Date | null;
  hits: string;
  support: PatternSupport | null;
}

const COLUMNS = `id, seq, name, description, finding_type, predicates, allow_critical, confidence, expires_at, support`;

function recordOf(row: PatternRow, scope: PatternRecord['scope']): PatternRecord {
  return {
    id: row.id,
    seq: row.seq,
    scope,
    name: row.name,
    description: row.description,
    findingType: row.finding_type,
    predicates: row.predicates,
    allowCritical: row.allow_critical,
    confidence: row.confidence,
    expiresAt: row.expires_at,
    hits: Number(row.hits),
    support: row.support,
  };
}

/** The tenant's ACTIVE, unexpired patterns, and its hits on global patterns (for their reasons). */
export async function loadTenantPatterns(
  manager: EntityManager,
  tenantId: string,
  now: Date,
): Promise<{ records: PatternRecord[]; globalHits: Map<string, number> }> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS}, hits FROM known_good_patterns
     WHERE tenant_id = $1 AND status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > $2)`,
    [tenantId, now],
  )) as PatternRow[];
  const hits = (await manager.query(`SELECT pattern_id, hits FROM global_pattern_hits WHERE tenant_id = $1`, [
    tenantId,
  ])) as { pattern_id: string; hits: string }[];
  return {
    records: rows.map((r) => recordOf(r, 'TENANT')),
    globalHits: new Map(hits.map((h) => [h.pattern_id, Number(h.hits)])),
  };
}

/** The ACTIVE, unexpired global patterns (readable from any tenant context and from platform scope). */
export async function loadGlobalPatterns(manager: EntityManager, now: Date): Promise<PatternRecord[]> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS}, 0 AS hits FROM global_known_good_patterns
     WHERE status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > $1)`,
    [now],
  )) as PatternRow[];
  return rows.map((r) => recordOf(r, 'GLOBAL'));
}

/** The tenant's set version as the open transaction sees it (after its own changes). */
export async function readTenantVersion(manager: EntityManager, tenantId: string): Promise<number> {
  const rows = (await manager.query(`SELECT version FROM pattern_set_versions WHERE tenant_id = $1`, [
    tenantId,
  ])) as { version: string }[];
  return Number(rows[0]?.version ?? 0);
}

export async function readGlobalVersion(manager: EntityManager): Promise<number> {
  const rows = (await manager.query(`SELECT version FROM global_pattern_set_version`)) as {
    version: string;
  }[];
  return Number(rows[0]?.version ?? 0);
}
