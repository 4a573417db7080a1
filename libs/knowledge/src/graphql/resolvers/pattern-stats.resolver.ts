import { Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, RequireAccess } from '@sieve/core';
import { type PatternStats, PatternStatsService } from '../../management/pattern-stats.service.js';
import { PatternStatsType } from '../types/pattern-stats.type.js';

@Resolver(() => PatternStatsType)
export class PatternStatsResolver {
  constructor(private readonly stats: PatternStatsService) {}

  @Query(() => PatternStatsType, {
    description: 'Known-good patterns of the tenant and of the pool: counts by status, hits, last hits.',
  })
  @RequireAccess(Access.Read)
  patternStats(@CurrentPrincipal() principal: Principal): Promise<PatternStats> {
    return this.stats.stats(principal.tenantId!);
  }
}
