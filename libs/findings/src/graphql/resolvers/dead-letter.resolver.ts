import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type Connection,
  CurrentPrincipal,
  PlatformRole,
  type Principal,
  RequirePlatformRole,
} from '@sieve/core';
import { DeadLettersService } from '../../query/dead-letters.service.js';
import type { DeadLetterView } from '../../query/finding-views.js';
import { DeadLetterFindingsArgs, ReplayDeadLettersArgs } from '../inputs/dead-letter.args.js';
import { DeadLetterFindingConnection, DeadLetterFindingType } from '../types/dead-letter-finding.type.js';

@Resolver(() => DeadLetterFindingType)
export class DeadLetterResolver {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Query(() => DeadLetterFindingConnection, {
    description: 'Findings of a tenant that triage gave up on, most recently seen first.',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  deadLetterFindings(@Args() args: DeadLetterFindingsArgs): Promise<Connection<DeadLetterView>> {
    const { tenantId, ...page } = args;
    return this.deadLetters.list(tenantId, page);
  }

  @Mutation(() => Int, {
    description: 'Sends dead findings of a tenant back to triage (PENDING); answers how many were replayed.',
  })
  @RequirePlatformRole(PlatformRole.PLATFORM_ADMIN)
  replayDeadLetters(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ReplayDeadLettersArgs,
  ): Promise<number> {
    return this.deadLetters.replay(principal, args.tenantId, args.findingIds);
  }
}
