import { Injectable } from '@nestjs/common';
import { AuditService, Clock, type SystemActor, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { PatternChangeBus } from '../matching/pattern-change-bus.js';
import { readGlobalVersion, readTenantVersion } from '../matching/pattern-loader.js';

const DRIFT: SystemActor = { kind: 'system', name: 'pattern-drift' };
const DAY_MS = 86_400_000;

export interface DriftSettings {
  /** An ACTIVE pattern without a hit for this long (since its last hit, else its activation) drifts. */
  idleDays: number;
  /** A drifting pattern gets an expiry this far out: time for an analyst to keep it (or a hit to). */
  graceDays: number;
}

export const DEFAULT_DRIFT_SETTINGS: DriftSettings = { idleDays: 90, graceDays: 14 };

export interface DriftSweep {
  /** Drift marks lifted because the pattern matched again. */
  revived: string[];
  /** Retired because their expiry passed (set by hand or by an earlier drift mark). */
  retired: string[];
  /** Newly marked: idle for `idleDays`, now expiring in `graceDays`. */
  marked: string[];
}

type Scope = { kind: 'tenant'; tenantId: string } | { kind: 'global' };

/**
 * Expiry and drift (issue 6, scope 7), as a periodic pass per tenant and one over the global set:
 * patterns that stopped matching fade out instead of staying armed forever. A pattern idle for
 * `idleDays` is marked (an expiry `graceDays` away, visible in the API and in `patternStats`); a hit before
 * then lifts the mark; at its expiry it is RETIRED. Each change is audited and bumps the set's version.
 */
@Injectable()
export class PatternDriftService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly bus: PatternChangeBus,
  ) {}

  async sweepTenant(tenantId: string, settings: DriftSettings = DEFAULT_DRIFT_SETTINGS): Promise<DriftSweep> {
    const { sweep, version } = await this.uow.withTenant(tenantId, async (manager) => {
      const result = await this.sweep(manager, { kind: 'tenant', tenantId }, settings);
      return { sweep: result, version: await readTenantVersion(manager, tenantId) };
    });
    if (changed(sweep)) await this.bus.publish({ scope: 'TENANT', tenantId, version });
    return sweep;
  }

  /** The global set, in platform scope: a pooled pattern's hits are summed over every tenant. */
  async sweepGlobal(settings: DriftSettings = DEFAULT_DRIFT_SETTINGS): Promise<DriftSweep> {
    const { sweep, version } = await this.uow.withPlatform(async (manager) => {
      const result = await this.sweep(manager, { kind: 'global' }, settings);
      return { sweep: result, version: await readGlobalVersion(manager) };
    });
    if (changed(sweep)) await this.bus.publish({ scope: 'GLOBAL', version });
    return sweep;
  }

  private async sweep(manager: EntityManager, scope: Scope, settings: DriftSettings): Promise<DriftSweep> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - settings.idleDays * DAY_MS);
    const expiresAt = new Date(now.getTime() + settings.graceDays * DAY_MS);
    const tenant = scope.kind === 'tenant';
    const table = tenant ? 'known_good_patterns' : 'global_known_good_patterns';
    // The global set has no tenant filter; its placeholder keeps the statements' parameter numbers.
    const where = tenant ? `p.tenant_id = $1` : `$1::uuid IS NULL`;
    const param = tenant ? scope.tenantId : null;
    // The last hit of a tenant pattern is on its row; a global one's is the latest in any tenant.
    const lastHit = tenant
      ? 'p.last_hit_at'
      : '(SELECT max(h.last_hit_at) FROM global_pattern_hits h WHERE h.pattern_id = p.id)';
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    const updated = (result: unknown) => ids((result as [{ id: string }[], number])[0]);

    const revived = updated(
      await manager.query(
        `UPDATE ${table} p SET expires_at = NULL, drift_marked_at = NULL, updated_at = $2
         WHERE ${where} AND p.status = 'ACTIVE' AND p.drift_marked_at IS NOT NULL AND ${lastHit} > p.drift_marked_at
         RETURNING p.id`,
        [param, now],
      ),
    );
    const retired = updated(
      await manager.query(
        `UPDATE ${table} p SET status = 'RETIRED', retired_at = $2, updated_at = $2,
           retired_reason = CASE WHEN p.drift_marked_at IS NULL THEN 'expired'
             ELSE 'no hit since ' || to_char(coalesce(${lastHit}, p.activated_at, p.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') END
         WHERE ${where} AND p.status = 'ACTIVE' AND p.expires_at <= $2
         RETURNING p.id`,
        [param, now],
      ),
    );
    const marked = updated(
      await manager.query(
        `UPDATE ${table} p SET expires_at = $3, drift_marked_at = $2, updated_at = $2
         WHERE ${where} AND p.status = 'ACTIVE' AND p.expires_at IS NULL
           AND coalesce(${lastHit}, p.activated_at, p.created_at) < $4
         RETURNING p.id`,
        [param, now, expiresAt, idleSince],
      ),
    );
    const sweep = { revived, retired, marked };
    for (const [action, list] of [
      ['pattern.drift_revived', revived],
      ['pattern.expired', retired],
      ['pattern.drift_marked', marked],
    ] as const) {
      for (const id of list) {
        await this.audit.record(DRIFT, {
          action,
          targetType: tenant ? 'known_good_pattern' : 'global_known_good_pattern',
          targetId: id,
          tenantId: tenant ? scope.tenantId : null,
          details: action === 'pattern.drift_marked' ? { expiresAt, idleDays: settings.idleDays } : {},
        });
      }
    }
    return sweep;
  }
}

function changed(sweep: DriftSweep): boolean {
  return sweep.revived.length + sweep.retired.length + sweep.marked.length > 0;
}
