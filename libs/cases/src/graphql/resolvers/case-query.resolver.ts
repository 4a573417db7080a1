import { Args, Context, ID, Info, Query, Resolver } from '@nestjs/graphql';
import { type Connection, ConnectionArgs, CurrentPrincipal, type Principal } from '@sieve/core';
import type { GraphQLResolveInfo } from 'graphql';
import { CaseLoaders } from '../../query/case-loaders.js';
import { CaseLoadersFactory } from '../../query/case-loaders.factory.js';
import { CaseOrder } from '../../query/case-order.js';
import { CaseQueryService, type Prefetch } from '../../query/case-query.service.js';
import type { CaseView } from '../../query/case-views.js';
import { CaseFilterInput } from '../inputs/case-filter.input.js';
import { requestedFields } from '../requested-fields.js';
import { CaseConnection, CaseType } from '../types/case.type.js';

/**
 * Reading cases. Tenant users and keys see their own tenant's; MSSP analysts the tenants assigned to them
 * (an audited cross-tenant read). A case of any other tenant answers NOT_FOUND, as an unknown id does.
 */
@Resolver(() => CaseType)
export class CaseQueryResolver {
  constructor(
    private readonly query: CaseQueryService,
    private readonly loaders: CaseLoadersFactory,
  ) {}

  @Query(() => CaseConnection, {
    description:
      'The work queue: open cases of the tenants assigned to an MSSP analyst (or of your own tenant), ' +
      'most urgent SLA deadline first, then priority, then age.',
  })
  caseQueue(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { nullable: true }) filter?: CaseFilterInput,
  ): Promise<Connection<CaseView>> {
    return this.query.page(principal, filter ?? {}, CaseOrder.SLA_URGENCY, args, {
      openOnly: true,
      prefetch: this.prefetch(context, principal, requestedFields(info, ['edges', 'node'])),
    });
  }

  @Query(() => CaseConnection, { description: 'Cases in any status, newest first unless told otherwise.' })
  cases(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { nullable: true }) filter?: CaseFilterInput,
    @Args('orderBy', { type: () => CaseOrder, nullable: true }) orderBy?: CaseOrder,
  ): Promise<Connection<CaseView>> {
    return this.query.page(principal, filter ?? {}, orderBy ?? CaseOrder.NEWEST, args, {
      openOnly: false,
      prefetch: this.prefetch(context, principal, requestedFields(info, ['edges', 'node'])),
    });
  }

  @Query(() => CaseType, { name: 'case' })
  getCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseView> {
    return this.query.get(principal, id, this.prefetch(context, principal, requestedFields(info)));
  }

  @Query(() => CaseType, { description: 'A case by its key, e.g. ACME-42.' })
  caseByKey(
    @CurrentPrincipal() principal: Principal,
    @Args('key') key: string,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseView> {
    return this.query.getByKey(principal, key, this.prefetch(context, principal, requestedFields(info)));
  }

  /** The assignee and last comment ride on the statement reading the cases when the query asks for them. */
  private prefetch(context: object, principal: Principal, fields: Set<string>): Prefetch {
    return {
      includes: { assignee: fields.has('assignee'), lastComment: fields.has('lastComment') },
      readsMore: CaseLoaders.PREFETCHED.some((field) => fields.has(field)),
      run: (manager, tenantIds, loaded) =>
        this.loaders.of(context, principal).prefetch(manager, tenantIds, loaded, fields),
    };
  }
}
