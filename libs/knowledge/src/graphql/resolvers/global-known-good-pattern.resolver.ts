import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  type Principal,
  RequireAccess,
} from '@sieve/core';
import { GlobalPatternsService } from '../../management/global-patterns.service.js';
import { KnownGoodPatternFilterInput } from '../inputs/known-good-pattern.inputs.js';
import {
  GlobalKnownGoodPatternConnection,
  GlobalKnownGoodPatternType,
} from '../types/global-known-good-pattern.type.js';
import { globalPatternView } from '../types/pattern-views.js';

/** Pooled patterns, read-only: the pooling job writes them, tenants read them. */
@Resolver(() => GlobalKnownGoodPatternType)
export class GlobalKnownGoodPatternResolver {
  constructor(private readonly patterns: GlobalPatternsService) {}

  @Query(() => GlobalKnownGoodPatternConnection, {
    description: 'Pooled patterns, newest first, with their hits in this tenant.',
  })
  @RequireAccess(Access.Read)
  async globalKnownGoodPatterns(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
    @Args('filter', { nullable: true }) filter?: KnownGoodPatternFilterInput,
  ): Promise<Connection<GlobalKnownGoodPatternType>> {
    const page = await this.patterns.list(principal.tenantId!, filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: globalPatternView(e.node) })) };
  }

  @Query(() => GlobalKnownGoodPatternType, { description: 'One pooled pattern.' })
  @RequireAccess(Access.Read)
  async globalKnownGoodPattern(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<GlobalKnownGoodPatternType> {
    return globalPatternView(await this.patterns.get(principal.tenantId!, id));
  }
}
