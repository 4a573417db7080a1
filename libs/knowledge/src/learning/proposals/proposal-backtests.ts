import { Injectable, Logger } from '@nestjs/common';
import { AuditService, Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { isClean, storedBacktest } from '../../backtest/backtest-report.js';
import { PatternBacktester } from '../../backtest/pattern-backtester.js';
import { PatternChangeBus } from '../../matching/pattern-change-bus.js';
import { readTenantVersion } from '../../matching/pattern-loader.js';
import { reference } from '../../management/known-good-patterns.service.js';
import { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { PatternStatus } from '../../patterns/pattern-status.js';
import { PatternActivationPolicy } from '../policy/learning-policy.js';
import { LearningPolicies } from '../policy/learning-policies.service.js';
import { activateBacktested, backtestSummary } from './pattern-activation.js';
import { LEARNING_ACTOR } from './pattern-proposer.js';
import { MAX_BACKTEST_ATTEMPTS, ProposalState } from './proposal-state.js';

/** What one run of a tenant's pending backtests did. */
export interface ProposalRun {
  activated: string[];
  /** Clean, waiting for approval (REQUIRE_APPROVAL policy). */
  awaitingApproval: string[];
  refused: string[];
  skipped: string[];
  failed: string[];
  /** Proposals still pending after the run (it stops after `max`). */
  more: boolean;
}

type Outcome = 'activated' | 'awaitingApproval' | 'refused' | 'skipped';

/**
 * The learning job's work: each pending proposal of a tenant is backtested over the tenant's policy window,
 * one per transaction (a backtest may read a month of findings; other proposals are not held behind it).
 * A clean one is activated under the auto policy or left PROPOSED for approval; one that matches a true
 * positive is refused and stays PROPOSED with its report. Idempotent: a proposal is claimed with
 * FOR UPDATE SKIP LOCKED and leaves PENDING in the transaction that judges it.
 */
@Injectable()
export class ProposalBacktests {
  private readonly logger = new Logger(ProposalBacktests.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly bus: PatternChangeBus,
    private readonly backtester: PatternBacktester,
    private readonly policies: LearningPolicies,
  ) {}

  async runPending(tenantId: string, max = 20): Promise<ProposalRun> {
    const run: ProposalRun = {
      activated: [],
      awaitingApproval: [],
      refused: [],
      skipped: [],
      failed: [],
      more: false,
    };
    for (let i = 0; i < max; i++) {
      const claimed = await this.runOne(tenantId, run);
      if (!claimed) return run;
    }
    run.more = await this.uow.withTenant(
      tenantId,
      async (manager) => (await this.nextPending(manager, tenantId, false)) !== null,
    );
    return run;
  }

  /** Tenants with a proposal pending since before `before` (platform scope: the sweeper's question). */
  async tenantsWithPending(before: Date): Promise<string[]> {
    return this.uow.withPlatform(async (manager) => {
      const rows = (await manager.query(
        `SELECT DISTINCT tenant_id FROM pattern_proposals WHERE state = $1 AND created_at < $2 AND attempts < $3`,
        [ProposalState.PENDING, before, MAX_BACKTEST_ATTEMPTS],
      )) as { tenant_id: string }[];
      return rows.map((r) => r.tenant_id);
    });
  }

  /** Backtests the oldest pending proposal; false when there was none to claim. */
  private async runOne(tenantId: string, run: ProposalRun): Promise<boolean> {
    const claim: { patternId?: string } = {};
    try {
      const result = await this.uow.withTenant(tenantId, async (manager) => {
        const patternId = await this.nextPending(manager, tenantId, true);
        if (!patternId) return null;
        claim.patternId = patternId;
        const outcome = await this.judge(manager, tenantId, patternId);
        return { patternId, outcome, version: await readTenantVersion(manager, tenantId) };
      });
      if (!result) return false;
      run[result.outcome].push(result.patternId);
      if (result.outcome === 'activated') {
        await this.bus.publish({ scope: 'TENANT', tenantId, version: result.version });
      }
      return true;
    } catch (error) {
      if (!claim.patternId) throw error;
      run.failed.push(claim.patternId);
      await this.recordFailure(tenantId, claim.patternId, error);
      return true;
    }
  }

  private async nextPending(manager: EntityManager, tenantId: string, lock: boolean): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT pattern_id FROM pattern_proposals
       WHERE tenant_id = $1 AND state = $2 AND attempts < $3
       ORDER BY created_at, pattern_id LIMIT 1 ${lock ? 'FOR UPDATE SKIP LOCKED' : ''}`,
      [tenantId, ProposalState.PENDING, MAX_BACKTEST_ATTEMPTS],
    )) as { pattern_id: string }[];
    return rows[0]?.pattern_id ?? null;
  }

  private async judge(manager: EntityManager, tenantId: string, patternId: string): Promise<Outcome> {
    const now = this.clock.now();
    const pattern = await manager.findOne(KnownGoodPattern, {
      where: { id: patternId, tenantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!pattern || pattern.status !== PatternStatus.PROPOSED) {
      // Approved, rejected or withdrawn meanwhile: nothing left to decide.
      await this.setState(manager, tenantId, patternId, { state: ProposalState.SKIPPED });
      return 'skipped';
    }
    const policy = await this.policies.of(manager, tenantId);
    const report = await this.backtester.run(manager, tenantId, pattern, { days: policy.backtestDays });
    const clean = isClean(report);
    await this.setState(manager, tenantId, patternId, {
      state: clean ? ProposalState.CLEAN : ProposalState.REFUSED,
      backtest: storedBacktest(report),
      backtestedAt: now,
    });
    if (!clean) {
      await this.audit.record(LEARNING_ACTOR, {
        action: 'pattern.backtest_refused',
        targetType: 'known_good_pattern',
        targetId: pattern.id,
        details: {
          reference: reference(pattern),
          backtest: backtestSummary(report),
          truePositiveFindingIds: report.truePositiveFindings.map((t) => t.findingId),
        },
      });
      return 'refused';
    }
    if (policy.activation !== PatternActivationPolicy.AUTO_AFTER_CLEAN_BACKTEST) return 'awaitingApproval';
    await activateBacktested(manager, this.audit, LEARNING_ACTOR, pattern, report, now);
    return 'activated';
  }

  private async setState(
    manager: EntityManager,
    tenantId: string,
    patternId: string,
    values: { state: ProposalState; backtest?: unknown; backtestedAt?: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE pattern_proposals
       SET state = $3, backtest = coalesce($4::jsonb, backtest), backtested_at = coalesce($5, backtested_at),
           attempts = attempts + 1
       WHERE tenant_id = $1 AND pattern_id = $2`,
      [
        tenantId,
        patternId,
        values.state,
        values.backtest === undefined ? null : JSON.stringify(values.backtest),
        values.backtestedAt ?? null,
      ],
    );
  }

  /** A failed backtest is retried by later runs, up to MAX_BACKTEST_ATTEMPTS, then left in ERROR. */
  private async recordFailure(tenantId: string, patternId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Backtest of proposal ${patternId} (tenant ${tenantId}) failed: ${message}`);
    await this.uow.withTenant(tenantId, (manager) =>
      manager.query(
        `UPDATE pattern_proposals
         SET attempts = attempts + 1, last_error = $3,
             state = CASE WHEN attempts + 1 >= $4 THEN $5 ELSE state END
         WHERE tenant_id = $1 AND pattern_id = $2 AND state = $6`,
        [
          tenantId,
          patternId,
          message.slice(0, 1000),
          MAX_BACKTEST_ATTEMPTS,
          ProposalState.ERROR,
          ProposalState.PENDING,
        ],
      ),
    );
  }
}
