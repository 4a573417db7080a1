import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, RequireAccess } from '@sieve/core';
import { backtestView } from '../../backtest/graphql/backtest-view.js';
import { KnownGoodPatternType } from '../../graphql/types/known-good-pattern.type.js';
import { knownGoodPatternView } from '../../graphql/types/pattern-views.js';
import { LearningPolicies } from '../policy/learning-policies.service.js';
import { PatternApprovals } from '../proposals/pattern-approvals.js';
import {
  PatternApprovalType,
  PatternLearningPolicyType,
  SetPatternLearningPolicyInput,
} from './learning.types.js';
import { learningPolicyView } from './learning-views.js';

// Approvals are checked by the service (tenant admins, assigned MSSP analysts); the guard's Write lets
// tenant analysts through to that check, as for the other pattern mutations.
@Resolver()
export class PatternLearningResolver {
  constructor(
    private readonly policies: LearningPolicies,
    private readonly approvals: PatternApprovals,
  ) {}

  @Query(() => PatternLearningPolicyType, {
    description:
      "The tenant's learning policy (default: activate after a clean backtest of the last 30 days).",
  })
  @RequireAccess(Access.Read)
  async patternLearningPolicy(@CurrentPrincipal() principal: Principal): Promise<PatternLearningPolicyType> {
    return learningPolicyView(await this.policies.get(principal.tenantId!));
  }

  @Mutation(() => PatternLearningPolicyType, {
    description: "Changes the tenant's learning policy (tenant admins).",
  })
  @RequireAccess(Access.Admin)
  async setPatternLearningPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetPatternLearningPolicyInput,
  ): Promise<PatternLearningPolicyType> {
    return learningPolicyView(await this.policies.set(principal, input));
  }

  @Mutation(() => PatternApprovalType, {
    description:
      'Backtests a PROPOSED pattern again and activates it; refused with PATTERN_BACKTEST_FAILED when it matches findings marked TRUE_POSITIVE.',
  })
  @RequireAccess(Access.Write)
  async approvePattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PatternApprovalType> {
    const { pattern, backtest } = await this.approvals.approve(principal, id);
    return { pattern: knownGoodPatternView(pattern), backtest: backtestView(backtest) };
  }

  @Mutation(() => KnownGoodPatternType, {
    description: 'Rejects a PROPOSED pattern: retired with the reason, it never suppresses.',
  })
  @RequireAccess(Access.Write)
  async rejectPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<KnownGoodPatternType> {
    return knownGoodPatternView(await this.approvals.reject(principal, id, reason));
  }
}
