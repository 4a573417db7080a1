import { type Actor, type AuditService } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import type { BacktestReport } from '../../backtest/backtest-report.js';
import { KnowledgeException } from '../../knowledge.exception.js';
import { reference } from '../../management/known-good-patterns.service.js';
import { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { PatternStatus } from '../../patterns/pattern-status.js';

/** The numbers of a backtest an audit entry keeps (not its samples). */
export function backtestSummary(report: BacktestReport): Record<string, unknown> {
  return {
    days: report.days,
    matched: report.matched,
    suppressed: report.suppressed,
    vetoed: report.vetoed,
    previouslyRaised: report.previouslyRaised,
    truePositives: report.truePositives,
  };
}

/**
 * PROPOSED → ACTIVE for a pattern whose backtest was clean, in the caller's transaction, audited under
 * `actor` (the approving person, or the learning job under the auto policy). The table's trigger bumps the
 * tenant's set version; the caller announces it once committed.
 */
export async function activateBacktested(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  pattern: KnownGoodPattern,
  report: BacktestReport,
  now: Date,
): Promise<void> {
  if (pattern.status !== PatternStatus.PROPOSED) {
    throw KnowledgeException.wrongStatus(reference(pattern), pattern.status, 'activated');
  }
  if (pattern.expiresAt && pattern.expiresAt <= now) {
    throw KnowledgeException.wrongStatus(reference(pattern), pattern.status, 'activated', 'it has expired');
  }
  await manager.update(
    KnownGoodPattern,
    { id: pattern.id, tenantId: pattern.tenantId },
    { status: PatternStatus.ACTIVE, activatedAt: now },
  );
  await audit.record(actor, {
    action: 'pattern.activated',
    targetType: 'known_good_pattern',
    targetId: pattern.id,
    details: {
      reference: reference(pattern),
      name: pattern.name,
      status: PatternStatus.ACTIVE,
      backtest: backtestSummary(report),
    },
  });
}
