import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  GraphQLJSON,
  type Principal,
  RequireAccess,
} from '@sieve/core';
import type { FindingDetailsView, FindingView } from '../../query/finding-views.js';
import { FindingsQueryService } from '../../query/findings-query.service.js';
import { FindingFilterInput } from '../inputs/finding-filter.input.js';
import { FindingDetailsType } from '../types/finding-details.type.js';
import { FindingConnection, FindingType } from '../types/finding.type.js';

@Resolver(() => FindingType)
export class FindingResolver {
  constructor(private readonly query: FindingsQueryService) {}

  @Query(() => FindingConnection, {
    description: "Findings of the credentials' tenant, most recently seen first.",
  })
  @RequireAccess(Access.Read)
  findings(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
    @Args('filter', { nullable: true }) filter?: FindingFilterInput,
  ): Promise<Connection<FindingView>> {
    return this.query.list(principal.tenantId!, filter ?? {}, args);
  }

  @Query(() => FindingDetailsType, { description: "One finding of the credentials' tenant." })
  @RequireAccess(Access.Read)
  finding(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<FindingDetailsView> {
    return this.query.get(principal.tenantId!, id);
  }
}

@Resolver(() => FindingDetailsType)
export class FindingDetailsResolver {
  constructor(private readonly query: FindingsQueryService) {}

  @ResolveField(() => GraphQLJSON, {
    description: 'The finding as the provider sent it (can be large: read only when needed).',
  })
  raw(@Parent() finding: FindingDetailsView): Promise<Record<string, unknown>> {
    return this.query.raw(finding.tenantId, finding.id);
  }
}
