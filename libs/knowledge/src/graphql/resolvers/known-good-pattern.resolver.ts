import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  GraphQLJSON,
  type Principal,
  RequireAccess,
} from '@sieve/core';
import { PatternApprovals } from '../../learning/proposals/pattern-approvals.js';
import { KnownGoodPatternsService } from '../../management/known-good-patterns.service.js';
import { patternJsonSchema } from '../../patterns/pattern-schema.js';
import {
  CreateKnownGoodPatternInput,
  KnownGoodPatternFilterInput,
  UpdateKnownGoodPatternInput,
} from '../inputs/known-good-pattern.inputs.js';
import { KnownGoodPatternConnection, KnownGoodPatternType } from '../types/known-good-pattern.type.js';
import { knownGoodPatternView } from '../types/pattern-views.js';

// Reads need read access to the tenant. Changes are checked by the service: the tenant's admins and the
// MSSP analysts assigned to it (the guard's Write lets tenant analysts through to that check).
@Resolver(() => KnownGoodPatternType)
export class KnownGoodPatternResolver {
  constructor(
    private readonly patterns: KnownGoodPatternsService,
    // Activation goes through the backtest, whoever asks: a pattern that would hide a true positive never
    // starts suppressing (PATTERN_BACKTEST_FAILED).
    private readonly approvals: PatternApprovals,
  ) {}

  @Query(() => KnownGoodPatternConnection, { description: "The tenant's known-good patterns, newest first." })
  @RequireAccess(Access.Read)
  async knownGoodPatterns(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
    @Args('filter', { nullable: true }) filter?: KnownGoodPatternFilterInput,
  ): Promise<Connection<KnownGoodPatternType>> {
    const page = await this.patterns.list(principal.tenantId!, filter ?? {}, args);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: knownGoodPatternView(e.node) })),
    };
  }

  @Query(() => KnownGoodPatternType, { description: "One of the tenant's known-good patterns." })
  @RequireAccess(Access.Read)
  async knownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<KnownGoodPatternType> {
    return knownGoodPatternView(await this.patterns.get(principal.tenantId!, id));
  }

  @Query(() => GraphQLJSON, { description: 'The pattern language as a JSON Schema (draft 2020-12).' })
  @RequireAccess(Access.Read)
  knownGoodPatternSchema(): Record<string, unknown> {
    return patternJsonSchema();
  }

  @Mutation(() => KnownGoodPatternType, {
    description:
      'Creates a pattern, PROPOSED unless `activate`, which backtests it first (tenant admins, assigned MSSP analysts).',
  })
  @RequireAccess(Access.Write)
  async createKnownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateKnownGoodPatternInput,
  ): Promise<KnownGoodPatternType> {
    const created = await this.patterns.create(principal, { ...input, activate: false });
    if (!input.activate) return knownGoodPatternView(created);
    return knownGoodPatternView((await this.approvals.approve(principal, created.id)).pattern);
  }

  @Mutation(() => KnownGoodPatternType, { description: 'Changes a PROPOSED or ACTIVE pattern.' })
  @RequireAccess(Access.Write)
  async updateKnownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateKnownGoodPatternInput,
  ): Promise<KnownGoodPatternType> {
    return knownGoodPatternView(await this.patterns.update(principal, id, input));
  }

  @Mutation(() => KnownGoodPatternType, {
    description: 'PROPOSED → ACTIVE after a clean backtest: the pattern starts suppressing.',
  })
  @RequireAccess(Access.Write)
  async activateKnownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<KnownGoodPatternType> {
    return knownGoodPatternView((await this.approvals.approve(principal, id)).pattern);
  }

  @Mutation(() => KnownGoodPatternType, {
    description: 'Stops a pattern for good; kept to explain its verdicts.',
  })
  @RequireAccess(Access.Write)
  async retireKnownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<KnownGoodPatternType> {
    return knownGoodPatternView(await this.patterns.retire(principal, id, reason));
  }

  @Mutation(() => KnownGoodPatternType, { description: 'Deletes a proposal that never was active.' })
  @RequireAccess(Access.Write)
  async deleteKnownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<KnownGoodPatternType> {
    return knownGoodPatternView(await this.patterns.delete(principal, id));
  }
}
