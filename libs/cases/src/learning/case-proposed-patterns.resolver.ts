import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@sieve/core';
import {
  PatternProposalType,
  PatternProposals,
  type ProposalWithPattern,
  proposalView,
} from '@sieve/knowledge';
import DataLoader from 'dataloader';
import { CaseAccess } from '../access/case-access.js';
import { CaseType } from '../graphql/types/case.type.js';
import type { CaseView } from '../query/case-views.js';

/**
 * `Case.proposedPatterns`: what the case's resolution taught, with each proposal's backtest. One read per
 * request for every case asking (a DataLoader on the request's context), in the reader's scope (its
 * tenant, or an analyst's assigned tenants).
 */
@Resolver(() => CaseType)
export class CaseProposedPatternsResolver {
  private readonly loaders = new WeakMap<object, DataLoader<string, ProposalWithPattern[]>>();

  constructor(
    private readonly access: CaseAccess,
    private readonly proposals: PatternProposals,
  ) {}

  @ResolveField(() => [PatternProposalType], {
    description: "Patterns proposed from the case's benign resolution (with learn), and their backtests.",
  })
  async proposedPatterns(
    @Parent() kase: CaseView,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PatternProposalType[]> {
    return (await this.loaderOf(context, principal).load(kase.id)).map(proposalView);
  }

  private loaderOf(context: object, principal: Principal): DataLoader<string, ProposalWithPattern[]> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader(async (caseIds: readonly string[]) => {
        const byCase = await this.access.read(principal, 'case proposed patterns', (manager) =>
          this.proposals.ofCases(manager, caseIds),
        );
        return caseIds.map((id) => byCase?.get(id) ?? []);
      });
      this.loaders.set(context, loader);
    }
    return loader;
  }
}
