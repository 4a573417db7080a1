import { Injectable } from '@nestjs/common';
import { ErrorCode, type Principal, SieveException, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { KnowledgeException } from '../knowledge.exception.js';
import { assertMayManagePatterns } from '../management/pattern-access.js';
import { MAX_BACKTEST_DAYS } from '../learning/policy/learning-policy.js';
import { LearningPolicies } from '../learning/policy/learning-policies.service.js';
import { findPattern } from '../patterns/find-pattern.js';
import { PatternValidationError, parsePatternDefinition } from '../patterns/pattern-schema.js';
import type { BacktestReport, BacktestSubject } from './backtest-report.js';
import { PatternBacktester } from './pattern-backtester.js';

/** A pattern not stored yet: what `backtestPatternDraft` replays. */
export interface BacktestDraft {
  findingType: string;
  predicates: unknown;
  allowCritical?: boolean | null;
  support?: unknown;
}

export interface BacktestRequest {
  /** Defaults to the tenant's policy (30 days unless set). */
  days?: number | null;
  samples?: number | null;
}

/**
 * Backtests on request, for the people who manage a tenant's patterns (its admins, MSSP analysts assigned
 * to it): a stored pattern of any status, or a draft. Read-only.
 */
@Injectable()
export class PatternBacktestService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly backtester: PatternBacktester,
    private readonly policies: LearningPolicies,
  ) {}

  async forPattern(principal: Principal, id: string, request: BacktestRequest = {}): Promise<BacktestReport> {
    const tenantId = assertMayManagePatterns(principal);
    return this.uow.withTenant(tenantId, async (manager) => {
      const pattern = await findPattern(manager, tenantId, id, false);
      return this.run(manager, tenantId, pattern, request);
    });
  }

  async forDraft(
    principal: Principal,
    draft: BacktestDraft,
    request: BacktestRequest = {},
  ): Promise<BacktestReport> {
    const tenantId = assertMayManagePatterns(principal);
    let subject: BacktestSubject;
    try {
      const definition = parsePatternDefinition({
        name: 'draft',
        findingType: draft.findingType,
        predicates: draft.predicates,
        allowCritical: draft.allowCritical ?? undefined,
        support: draft.support ?? null,
      });
      subject = { ...definition, support: definition.support ?? null };
    } catch (error) {
      if (error instanceof PatternValidationError) throw KnowledgeException.invalidPattern(error.issues);
      throw error;
    }
    return this.uow.withTenant(tenantId, (manager) => this.run(manager, tenantId, subject, request));
  }

  private async run(
    manager: EntityManager,
    tenantId: string,
    subject: BacktestSubject,
    request: BacktestRequest,
  ): Promise<BacktestReport> {
    const days = request.days ?? (await this.policies.of(manager, tenantId)).backtestDays;
    if (!Number.isInteger(days) || days < 1 || days > MAX_BACKTEST_DAYS) {
      throw new SieveException(ErrorCode.BadUserInput, `days: a whole number from 1 to ${MAX_BACKTEST_DAYS}`);
    }
    return this.backtester.run(manager, tenantId, subject, { days, samples: request.samples ?? undefined });
  }
}
