import { Injectable } from '@nestjs/common';
import { AuditService, type SystemActor } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import type { PoolTally, ShapeTally } from './pool-tally.js';
import { PooledPatternState } from './pooled-pattern-state.js';
import { PooledPattern } from './pooled-pattern.entity.js';
import type { PoolingCycleReport } from './pooling-cycle-report.js';
import { type ActiveGlobal, GlobalPatternWriter } from './global-pattern-writer.js';
import { canonicalJson } from './predicate-projection.js';
import { poolSupport } from './support-pooling.js';
import type { TruePositiveIndex } from './true-positive-index.js';

export const POOLING_ACTOR: SystemActor = { kind: 'system', name: 'pooling' };

export const CONTRADICTED_REASON = 'contradicted: a finding it matches was resolved TRUE_POSITIVE';

export type LedgerCounts = Pick<
  PoolingCycleReport,
  'promoted' | 'contradicted' | 'blocked' | 'withdrawn' | 'updated'
>;

export interface LedgerInput {
  tally: PoolTally;
  threshold: number;
  now: Date;
  truePositives: TruePositiveIndex;
}

/**
 * Applies one cycle's tally to the pool, in one platform-scope transaction: contradicted global patterns
 * retired and their shapes blocked, confirmed shapes promoted (or their pooled support refreshed), shapes
 * no longer confirmed by k tenants withdrawn, and every count brought up to date. Audited as the pooling job.
 */
@Injectable()
export class PoolLedger {
  constructor(
    private readonly audit: AuditService,
    private readonly globals: GlobalPatternWriter,
  ) {}

  async apply(manager: EntityManager, input: LedgerInput): Promise<LedgerCounts> {
    const { tally, threshold, now, truePositives } = input;
    const counts: LedgerCounts = { promoted: 0, contradicted: 0, blocked: 0, withdrawn: 0, updated: 0 };
    const rows = await manager.createQueryBuilder(PooledPattern, 'p').setLock('pessimistic_write').getMany();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const dirty = new Set<PooledPattern>();
    const active = (await manager.query(
      `SELECT id, seq, finding_type, predicates, support, confidence, tenant_support
       FROM global_known_good_patterns WHERE status = 'ACTIVE' FOR UPDATE`,
    )) as ActiveGlobal[];
    const activeById = new Map(active.map((g) => [g.id, g]));
    const byGlobalPattern = new Map(rows.map((r) => [r.globalPatternId, r]));

    // Any ACTIVE global pattern a true positive contradicts is retired everywhere, pooled or not.
    for (const g of active) {
      const tp = truePositives.contradicting({
        globalPatternId: g.id,
        findingType: g.finding_type,
        predicates: g.predicates,
      });
      if (!tp) continue;
      await this.globals.retire(manager, g.id, CONTRADICTED_REASON, now);
      activeById.delete(g.id);
      const row = byGlobalPattern.get(g.id);
      if (row) this.block(row, CONTRADICTED_REASON, now, dirty);
      await this.audit.record(POOLING_ACTOR, {
        tenantId: null,
        action: 'pool.pattern_contradicted',
        targetType: 'global_known_good_pattern',
        targetId: g.id,
        details: {
          reference: `G-${g.seq}`,
          key: row?.key ?? null,
          reason: CONTRADICTED_REASON,
          truePositive: { tenantId: tp.tenantId, findingId: tp.findingId },
        },
      });
      counts.contradicted += 1;
    }
    // A promoted shape whose global pattern was retired elsewhere (the drift pass) may be promoted afresh.
    for (const row of rows) {
      if (row.state === PooledPatternState.PROMOTED && !activeById.has(row.globalPatternId ?? '')) {
        row.state = PooledPatternState.WITHDRAWN;
        dirty.add(row);
      }
    }

    const confirmed = tally.confirmed(threshold);
    for (const shape of confirmed) {
      const row = byKey.get(shape.shape.key);
      if (row?.state === PooledPatternState.BLOCKED) continue;
      const tp = truePositives.contradicting(shape.shape);
      if (tp) {
        const blocked = row ?? (await this.insertRow(manager, shape, PooledPatternState.BLOCKED, now));
        this.block(blocked, CONTRADICTED_REASON, now, dirty);
        byKey.set(blocked.key, blocked);
        await this.audit.record(POOLING_ACTOR, {
          tenantId: null,
          action: 'pool.shape_blocked',
          targetType: 'pooled_pattern',
          targetId: blocked.id,
          details: { key: blocked.key, reason: CONTRADICTED_REASON },
        });
        counts.blocked += 1;
        continue;
      }
      const support = poolSupport(shape.supports, threshold);
      const current =
        row?.state === PooledPatternState.PROMOTED ? activeById.get(row.globalPatternId!) : undefined;
      if (current) {
        const next = { support, confidence: shape.confidence, tenants: shape.tenants };
        if (await this.globals.refresh(manager, current, next, now)) {
          counts.updated += 1;
        }
        continue;
      }
      const created = await this.globals.create(manager, shape, support, threshold, now);
      const promoted = row ?? (await this.insertRow(manager, shape, PooledPatternState.PROMOTED, now));
      Object.assign(promoted, {
        state: PooledPatternState.PROMOTED,
        globalPatternId: created.id,
        promotedAt: now,
      });
      dirty.add(promoted);
      byKey.set(promoted.key, promoted);
      await this.audit.record(POOLING_ACTOR, {
        tenantId: null,
        action: 'pool.pattern_promoted',
        targetType: 'global_known_good_pattern',
        targetId: created.id,
        details: { reference: `G-${created.seq}`, key: promoted.key, tenantSupport: shape.tenants },
      });
      counts.promoted += 1;
    }

    const stillConfirmed = new Set(confirmed.map((c) => c.shape.key));
    for (const row of byKey.values()) {
      if (row.state === PooledPatternState.PROMOTED && !stillConfirmed.has(row.key)) {
        const reason = `support withdrawn: fewer than ${threshold} contributing tenants confirm it`;
        await this.globals.retire(manager, row.globalPatternId!, reason, now);
        row.state = PooledPatternState.WITHDRAWN;
        dirty.add(row);
        await this.audit.record(POOLING_ACTOR, {
          tenantId: null,
          action: 'pool.pattern_withdrawn',
          targetType: 'global_known_good_pattern',
          targetId: row.globalPatternId!,
          details: { key: row.key, reason },
        });
        counts.withdrawn += 1;
      }
      const support = tally.tenantsOf(row.key);
      if (row.tenantSupport !== support) {
        row.tenantSupport = support;
        dirty.add(row);
      }
    }
    await this.saveRows(manager, [...dirty], now);
    return counts;
  }

  /** Blocks a shape for good (a platform admin's rejection goes through here too). */
  block(row: PooledPattern, reason: string, now: Date, dirty: Set<PooledPattern>): void {
    if (row.state === PooledPatternState.BLOCKED && row.blockedAt) return;
    Object.assign(row, { state: PooledPatternState.BLOCKED, blockedAt: now, blockedReason: reason });
    dirty.add(row);
  }

  /** Writes the changed rows in one statement. */
  async saveRows(manager: EntityManager, rows: readonly PooledPattern[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE pooled_patterns p SET state = v.state, tenant_support = v.tenant_support,
         global_pattern_id = v.global_pattern_id, promoted_at = v.promoted_at, blocked_at = v.blocked_at,
         blocked_reason = v.blocked_reason, updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, state text, tenant_support int, global_pattern_id uuid,
         promoted_at timestamptz, blocked_at timestamptz, blocked_reason text)
       WHERE p.id = v.id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            state: r.state,
            tenant_support: r.tenantSupport,
            global_pattern_id: r.globalPatternId,
            promoted_at: r.promotedAt,
            blocked_at: r.blockedAt,
            blocked_reason: r.blockedReason,
          })),
        ),
        now,
      ],
    );
  }

  private async insertRow(
    manager: EntityManager,
    shape: ShapeTally,
    state: PooledPatternState,
    now: Date,
  ): Promise<PooledPattern> {
    const [row] = (await manager.query(
      `INSERT INTO pooled_patterns (key, finding_type, predicates, state, tenant_support, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      [
        shape.shape.key,
        shape.shape.findingType,
        canonicalJson(shape.shape.predicates),
        state,
        shape.tenants,
        now,
      ],
    )) as { id: string }[];
    return Object.assign(new PooledPattern(), {
      id: row.id,
      key: shape.shape.key,
      findingType: shape.shape.findingType,
      predicates: shape.shape.predicates,
      state,
      tenantSupport: shape.tenants,
      globalPatternId: null,
      promotedAt: null,
      blockedAt: null,
      blockedReason: null,
    });
  }
}
