import { Injectable } from '@nestjs/common';
import { AuditService, Clock, ErrorCode, type Principal, SieveException, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { assertCleanBacktest } from '../../backtest/backtest-refusal.js';
import { type BacktestReport, storedBacktest } from '../../backtest/backtest-report.js';
import { PatternBacktester } from '../../backtest/pattern-backtester.js';
import { KnowledgeException } from '../../knowledge.exception.js';
import { assertMayManagePatterns } from '../../management/pattern-access.js';
import { PatternChangeBus } from '../../matching/pattern-change-bus.js';
import { readTenantVersion } from '../../matching/pattern-loader.js';
import { reference } from '../../management/known-good-patterns.service.js';
import { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { PatternStatus } from '../../patterns/pattern-status.js';
import { LearningPolicies } from '../policy/learning-policies.service.js';
import { findPattern } from '../../patterns/find-pattern.js';
import { activateBacktested } from './pattern-activation.js';
import { ProposalState } from './proposal-state.js';

export interface PatternApproval {
  pattern: KnownGoodPattern;
  backtest: BacktestReport;
}

/**
 * A person's decision on a PROPOSED pattern (tenant admins, MSSP analysts assigned to the tenant). Approval
 * backtests again, in the transaction that activates (a true positive marked since the proposal refuses it:
 * PATTERN_BACKTEST_FAILED); rejection retires the proposal, kept to explain why it never suppressed.
 */
@Injectable()
export class PatternApprovals {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly bus: PatternChangeBus,
    private readonly backtester: PatternBacktester,
    private readonly policies: LearningPolicies,
  ) {}

  async approve(principal: Principal, id: string): Promise<PatternApproval> {
    const tenantId = assertMayManagePatterns(principal);
    const { approval, version } = await this.uow.withTenant(tenantId, async (manager) => {
      const pattern = await findPattern(manager, tenantId, id, true);
      if (pattern.status !== PatternStatus.PROPOSED) {
        throw KnowledgeException.wrongStatus(reference(pattern), pattern.status, 'approved');
      }
      const now = this.clock.now();
      const policy = await this.policies.of(manager, tenantId);
      const report = await this.backtester.run(manager, tenantId, pattern, { days: policy.backtestDays });
      assertCleanBacktest(reference(pattern), report);
      await activateBacktested(manager, this.audit, principal, pattern, report, now);
      await this.closeProposal(manager, tenantId, id, {
        state: ProposalState.CLEAN,
        backtest: JSON.stringify(storedBacktest(report)),
        at: now,
      });
      return {
        approval: {
          pattern: await manager.findOneByOrFail(KnownGoodPattern, { id, tenantId }),
          backtest: report,
        },
        version: await readTenantVersion(manager, tenantId),
      };
    });
    await this.bus.publish({ scope: 'TENANT', tenantId, version });
    return approval;
  }

  async reject(principal: Principal, id: string, reason: string): Promise<KnownGoodPattern> {
    const tenantId = assertMayManagePatterns(principal);
    const why = reason.trim();
    if (why.length === 0 || why.length > 500) {
      throw new SieveException(ErrorCode.BadUserInput, 'reason: 1 to 500 characters');
    }
    const { pattern, version } = await this.uow.withTenant(tenantId, async (manager) => {
      const proposed = await findPattern(manager, tenantId, id, true);
      if (proposed.status !== PatternStatus.PROPOSED) {
        throw KnowledgeException.wrongStatus(reference(proposed), proposed.status, 'rejected');
      }
      const now = this.clock.now();
      await manager.update(
        KnownGoodPattern,
        { id, tenantId },
        { status: PatternStatus.RETIRED, retiredAt: now, retiredReason: `rejected: ${why}` },
      );
      await this.closeProposal(manager, tenantId, id, {
        state: ProposalState.SKIPPED,
        backtest: null,
        at: null,
      });
      await this.audit.record(principal, {
        action: 'pattern.rejected',
        targetType: 'known_good_pattern',
        targetId: id,
        details: { reference: reference(proposed), name: proposed.name, reason: why },
      });
      return {
        pattern: await manager.findOneByOrFail(KnownGoodPattern, { id, tenantId }),
        version: await readTenantVersion(manager, tenantId),
      };
    });
    await this.bus.publish({ scope: 'TENANT', tenantId, version });
    return pattern;
  }

  /** The proposal of a learnt pattern (a pattern written by hand has none) records the decision. */
  private async closeProposal(
    manager: EntityManager,
    tenantId: string,
    patternId: string,
    values: { state: ProposalState; backtest: string | null; at: Date | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE pattern_proposals
       SET state = $3, backtest = coalesce($4::jsonb, backtest), backtested_at = coalesce($5, backtested_at)
       WHERE tenant_id = $1 AND pattern_id = $2`,
      [tenantId, patternId, values.state, values.backtest, values.at],
    );
  }
}
