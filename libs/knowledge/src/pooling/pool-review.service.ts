import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppConfigService,
  AuditService,
  Clock,
  type Connection,
  type ConnectionArgs,
  ErrorCode,
  SieveException,
  UnitOfWork,
  isUuid,
  paginateNewestFirst,
} from '@sieve/core';
import { PatternChangeBus } from '../matching/pattern-change-bus.js';
import { readGlobalVersion } from '../matching/pattern-loader.js';
import { GlobalPatternWriter } from './global-pattern-writer.js';
import { PoolLedger } from './pool-ledger.js';
import { PooledPatternState } from './pooled-pattern-state.js';
import { PooledPattern } from './pooled-pattern.entity.js';
import type { PoolingCycleReport } from './pooling-cycle-report.js';
import { PoolingState } from './pooling-state.entity.js';

const REJECTED_REASON = 'rejected by a platform admin on review';

export interface PoolingStatus {
  threshold: number;
  everySeconds: number;
  cycles: number;
  lastCycleAt: Date | null;
  lastReport: PoolingCycleReport | null;
}

/** What platform admins see and do with the pool: its shapes, the job's state, rejecting a shape. */
@Injectable()
export class PoolReview {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly audit: AuditService,
    private readonly ledger: PoolLedger,
    private readonly globals: GlobalPatternWriter,
    private readonly bus: PatternChangeBus,
  ) {}

  list(filter: { state?: PooledPatternState }, args: ConnectionArgs): Promise<Connection<PooledPattern>> {
    return this.uow.withPlatform((manager) => {
      const query = manager.createQueryBuilder(PooledPattern, 'p').leftJoinAndSelect('p.globalPattern', 'g');
      if (filter.state) query.andWhere('p.state = :state', { state: filter.state });
      return paginateNewestFirst(query, args, { alias: 'p', idType: 'uuid', idOf: (p) => p.id });
    });
  }

  status(): Promise<PoolingStatus> {
    return this.uow.withPlatform(async (manager) => {
      const state = await manager.findOneByOrFail(PoolingState, { singleton: true });
      return {
        threshold: this.config.values.POOLING_THRESHOLD,
        everySeconds: this.config.values.POOLING_EVERY_SECONDS,
        cycles: state.cycles,
        lastCycleAt: state.lastCycleAt,
        lastReport: state.lastReport,
      };
    });
  }

  /**
   * A platform admin rejects a pooled shape on review: its global pattern is retired everywhere and the
   * shape is blocked for good, as after a contradiction. Audited with the admin as actor.
   */
  async block(actor: Actor, id: string, reason: string): Promise<PooledPattern> {
    const now = this.clock.now();
    const { row, version } = await this.uow.withPlatform(async (manager) => {
      const found = isUuid(id)
        ? await manager
            .createQueryBuilder(PooledPattern, 'p')
            .setLock('pessimistic_write')
            .where('p.id = :id', { id })
            .getOne()
        : null;
      if (!found) throw SieveException.notFound('Pooled pattern', id);
      if (found.state === PooledPatternState.BLOCKED) {
        throw new SieveException(ErrorCode.Conflict, `Pooled pattern ${id} is already blocked`, {
          state: found.state,
        });
      }
      // The admin's words stay in the audit log: a global pattern's reason is read by every tenant.
      if (found.globalPatternId)
        await this.globals.retire(manager, found.globalPatternId, REJECTED_REASON, now);
      const dirty = new Set<PooledPattern>();
      this.ledger.block(found, REJECTED_REASON, now, dirty);
      await this.ledger.saveRows(manager, [...dirty], now);
      await this.audit.record(actor, {
        tenantId: null,
        action: 'pool.pattern_rejected',
        targetType: 'pooled_pattern',
        targetId: found.id,
        details: { key: found.key, globalPatternId: found.globalPatternId, reason },
      });
      const row = await manager.findOneOrFail(PooledPattern, {
        where: { id: found.id },
        relations: { globalPattern: true },
      });
      return { row, version: await readGlobalVersion(manager) };
    });
    await this.bus.publish({ scope: 'GLOBAL', version });
    return row;
  }
}
