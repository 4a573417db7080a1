import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, RequireAccess } from '@sieve/core';
import { PatternBacktestService } from '../pattern-backtest.service.js';
import { BacktestPatternDraftInput, BacktestWindowArgs } from './backtest-draft.input.js';
import { backtestView } from './backtest-view.js';
import { PatternBacktestType } from './pattern-backtest.type.js';

// Backtests read a month of the tenant's findings: for those who manage its patterns (tenant admins,
// assigned MSSP analysts), checked by the service; the guard's Read lets them through to that check.
@Resolver(() => PatternBacktestType)
export class PatternBacktestResolver {
  constructor(private readonly backtests: PatternBacktestService) {}

  @Query(() => PatternBacktestType, {
    description:
      "Replays the tenant's recent findings through one of its patterns: what it would have suppressed, and the findings marked TRUE_POSITIVE it would have hidden.",
  })
  @RequireAccess(Access.Read)
  async backtestPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args() window: BacktestWindowArgs,
  ): Promise<PatternBacktestType> {
    return backtestView(await this.backtests.forPattern(principal, id, window));
  }

  @Query(() => PatternBacktestType, { description: 'The same backtest, for a pattern not stored yet.' })
  @RequireAccess(Access.Read)
  async backtestPatternDraft(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: BacktestPatternDraftInput,
    @Args() window: BacktestWindowArgs,
  ): Promise<PatternBacktestType> {
    return backtestView(await this.backtests.forDraft(principal, input, window));
  }
}
