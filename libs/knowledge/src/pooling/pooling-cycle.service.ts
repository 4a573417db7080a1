import { Injectable, Logger } from '@nestjs/common';
import { type Actor, AppConfigService, AuditService, Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { PatternFeedback } from '../feedback/pattern-feedback.service.js';
import { PatternChangeBus } from '../matching/pattern-change-bus.js';
import { readGlobalVersion } from '../matching/pattern-loader.js';
import { gatherContributions } from './pool-contributions.js';
import { POOLING_ACTOR, PoolLedger } from './pool-ledger.js';
import type { PoolingCycleReport } from './pooling-cycle-report.js';
import { PoolingLock } from './pooling-lock.js';
import { TruePositiveIndex } from './true-positive-index.js';

/** Every true positive still on record (a reopened case withdraws its own): the pool is never tied to one. */
const SINCE_EVER = new Date(0);

/**
 * One pooling cycle (issue 6, scope 6): the active patterns of the tenants that opted in to contributing are
 * projected onto generalised features and counted per shape, distinct tenants only; a shape confirmed by
 * at least k tenants (POOLING_THRESHOLD) and contradicted by no true positive becomes an ACTIVE global
 * pattern, which applies to tenants that opted in to consuming; a global pattern that a true positive of any
 * tenant contradicts is retired at once and its shape blocked for good; one that fewer than k tenants still
 * confirm is withdrawn. Workers reload the global set when its version moves (also announced on Redis).
 *
 * Anonymity: no tenant id, name or pattern text leaves the tenant's unit of work except as a projected shape,
 * counts are made in memory, and only shapes of k or more tenants are ever written (see `PooledPattern`).
 */
@Injectable()
export class PoolingCycle {
  private readonly logger = new Logger(PoolingCycle.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly audit: AuditService,
    private readonly lock: PoolingLock,
    private readonly ledger: PoolLedger,
    private readonly feedback: PatternFeedback,
    private readonly bus: PatternChangeBus,
  ) {}

  /** Runs a cycle (waiting for one in progress elsewhere to finish); `actor` is who asked for it. */
  run(actor: Actor = POOLING_ACTOR): Promise<PoolingCycleReport> {
    return this.lock.exclusive(async () => {
      const startedAt = this.clock.now();
      const threshold = this.config.values.POOLING_THRESHOLD;
      const tally = await gatherContributions(this.uow, startedAt);
      const { report, moved } = await this.uow.withPlatform(async (manager) => {
        const before = await readGlobalVersion(manager);
        const truePositives = new TruePositiveIndex(
          await this.feedback.truePositivesSince(manager, SINCE_EVER),
        );
        const counts = await this.ledger.apply(manager, { tally, threshold, now: startedAt, truePositives });
        const report: PoolingCycleReport = {
          startedAt: startedAt.toISOString(),
          finishedAt: this.clock.now().toISOString(),
          threshold,
          contributingTenants: tally.contributors,
          shapes: tally.size,
          confirmedShapes: tally.confirmed(threshold).length,
          ...counts,
          activeGlobalPatterns: await activeGlobalPatterns(manager),
          globalVersion: await readGlobalVersion(manager),
        };
        await manager.query(
          `UPDATE pooling_state SET cycles = cycles + 1, last_cycle_at = $1, last_report = $2`,
          [startedAt, JSON.stringify(report)],
        );
        if (actor !== POOLING_ACTOR) {
          await this.audit.record(actor, {
            tenantId: null,
            action: 'pool.cycle_run',
            details: { ...report },
          });
        }
        return { report, moved: report.globalVersion !== before };
      });
      if (moved) await this.bus.publish({ scope: 'GLOBAL', version: report.globalVersion });
      if (report.promoted + report.contradicted + report.blocked + report.withdrawn > 0) {
        this.logger.log(
          `Pooling: ${report.promoted} promoted, ${report.contradicted} contradicted, ${report.blocked} blocked, ` +
            `${report.withdrawn} withdrawn; ${report.activeGlobalPatterns} active global patterns`,
        );
      }
      return report;
    });
  }
}

async function activeGlobalPatterns(manager: EntityManager): Promise<number> {
  const [row] = (await manager.query(
    `SELECT count(*)::int AS n FROM global_known_good_patterns WHERE status = 'ACTIVE'`,
  )) as { n: number }[];
  return row.n;
}
