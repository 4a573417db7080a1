import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  PlatformRole,
  type Principal,
  RequirePlatformRole,
} from '@sieve/core';
import { PoolReview } from '../pool-review.service.js';
import { PoolingCycle } from '../pooling-cycle.service.js';
import { BlockPooledPatternArgs, PooledPatternsFilterArgs } from './pooled-pattern.inputs.js';
import { PooledPatternConnection, PooledPatternType } from './pooled-pattern.type.js';
import { PoolingCycleReportType, PoolingStatusType } from './pooling-cycle-report.type.js';
import { cycleReportView, pooledPatternView } from './pooling-views.js';

/** The pool, for platform admins: review its shapes, run a cycle now, reject a shape. */
@Resolver(() => PooledPatternType)
export class PoolingResolver {
  constructor(
    private readonly review: PoolReview,
    private readonly cycle: PoolingCycle,
  ) {}

  @Query(() => PooledPatternConnection, {
    description: 'Shapes that reached the pool, newest first (platform admins).',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  async pooledPatterns(
    @Args() args: ConnectionArgs,
    @Args() filter: PooledPatternsFilterArgs,
  ): Promise<Connection<PooledPatternType>> {
    const page = await this.review.list(filter, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: pooledPatternView(e.node) })) };
  }

  @Query(() => PoolingStatusType, {
    description: 'The pooling job: settings and last cycle (platform admins).',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  async poolingStatus(): Promise<PoolingStatusType> {
    const status = await this.review.status();
    return {
      threshold: status.threshold,
      everySeconds: status.everySeconds,
      cycles: status.cycles,
      lastCycleAt: status.lastCycleAt,
      lastCycle: status.lastReport ? cycleReportView(status.lastReport) : null,
    };
  }

  @Mutation(() => PoolingCycleReportType, {
    description: 'Runs a pooling cycle now, after any cycle in progress (platform admins; audited).',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  async runPoolingCycle(@CurrentPrincipal() principal: Principal): Promise<PoolingCycleReportType> {
    return cycleReportView(await this.cycle.run(principal));
  }

  @Mutation(() => PooledPatternType, {
    description:
      'Rejects a pooled shape: its global pattern is retired everywhere, the shape blocked for good.',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  async blockPooledPattern(
    @CurrentPrincipal() principal: Principal,
    @Args() args: BlockPooledPatternArgs,
  ): Promise<PooledPatternType> {
    return pooledPatternView(await this.review.block(principal, args.id, args.reason));
  }
}
