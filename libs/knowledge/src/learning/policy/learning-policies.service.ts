import { Injectable } from '@nestjs/common';
import {
  Access,
  AuditService,
  Clock,
  ErrorCode,
  type Principal,
  SieveException,
  UnitOfWork,
  accessInTenant,
  actorOf,
} from '@sieve/core';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_LEARNING_POLICY,
  type LearningPolicy,
  MAX_BACKTEST_DAYS,
  PatternActivationPolicy,
} from './learning-policy.js';
import { PatternLearningPolicyRow } from './pattern-learning-policy.entity.js';

export interface LearningPolicyPatch {
  activation?: PatternActivationPolicy | null;
  backtestDays?: number | null;
}

function policyOf(row: PatternLearningPolicyRow | null): LearningPolicy {
  if (!row) return DEFAULT_LEARNING_POLICY;
  return {
    activation: row.activation,
    backtestDays: row.backtestDays,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** Each tenant's learning policy (see `PatternActivationPolicy`); changed by the tenant's admins only. */
@Injectable()
export class LearningPolicies {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The policy in the caller's unit of work (the tenant's). */
  async of(manager: EntityManager, tenantId: string): Promise<LearningPolicy> {
    return policyOf(await manager.findOne(PatternLearningPolicyRow, { where: { tenantId } }));
  }

  get(tenantId: string): Promise<LearningPolicy> {
    return this.uow.withTenant(tenantId, (manager) => this.of(manager, tenantId));
  }

  async set(principal: Principal, patch: LearningPolicyPatch): Promise<LearningPolicy> {
    const tenantId = principal.tenantId;
    if (!tenantId || !accessInTenant(principal).has(Access.Admin)) {
      throw new SieveException(ErrorCode.Forbidden, "The learning policy is changed by the tenant's admins");
    }
    const days = patch.backtestDays;
    if (
      days !== undefined &&
      days !== null &&
      (!Number.isInteger(days) || days < 1 || days > MAX_BACKTEST_DAYS)
    ) {
      throw new SieveException(
        ErrorCode.BadUserInput,
        `backtestDays: a whole number from 1 to ${MAX_BACKTEST_DAYS}`,
      );
    }
    return this.uow.withTenant(tenantId, async (manager) => {
      const before = await this.of(manager, tenantId);
      const after = {
        activation: patch.activation ?? before.activation,
        backtestDays: days ?? before.backtestDays,
      };
      const updatedBy = actorOf(principal).actorId;
      await manager.upsert(
        PatternLearningPolicyRow,
        { tenantId, ...after, updatedBy, updatedAt: this.clock.now() },
        ['tenantId'],
      );
      await this.audit.record(principal, {
        action: 'pattern_learning.policy_changed',
        targetType: 'pattern_learning_policy',
        targetId: tenantId,
        details: {
          before: { activation: before.activation, backtestDays: before.backtestDays },
          after,
        },
      });
      return this.of(manager, tenantId);
    });
  }
}
