import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Connection, ConnectionArgs, CurrentPrincipal, type Principal } from '@sieve/core';
import type { CaseComment } from '../../model/case-comment.entity.js';
import type { CaseObservable } from '../../model/case-observable.entity.js';
import type { CaseTask } from '../../model/case-task.entity.js';
import {
  CaseChildren,
  type CaseEventView,
  type CaseFindingView,
  type PersonView,
} from '../../query/case-children.js';
import { CaseLoadersFactory } from '../../query/case-loaders.factory.js';
import type { CaseView } from '../../query/case-views.js';
import {
  CaseCommentConnection,
  CaseEventConnection,
  CaseFindingConnection,
  CaseObservableType,
  CaseTaskType,
} from '../types/case-children.type.js';
import { CasePersonType } from '../types/case-person.type.js';
import { CaseType } from '../types/case.type.js';

/** Page sizes of nested connections stay within what the API allows at the top level. */
function page(args: ConnectionArgs): ConnectionArgs {
  return { first: Math.min(Math.max(args.first ?? 20, 1), 100), after: args.after ?? null };
}

/**
 * A case's related data, batched per request through the DataLoaders (no query per case). `assignee` and
 * `lastComment` are no resolvers: the statement that reads a case carries them (see CaseView).
 */
@Resolver(() => CaseType)
export class CaseFieldsResolver {
  constructor(private readonly loaders: CaseLoadersFactory) {}

  @ResolveField(() => [CasePersonType])
  async watchers(
    @Parent() kase: CaseView,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonView[]> {
    const loaders = this.loaders.of(context, principal);
    const people = await loaders.people.loadMany(await loaders.watchers.load(kase.id));
    return people.filter((p): p is PersonView => p !== null && !(p instanceof Error));
  }

  @ResolveField(() => [CaseTaskType])
  tasks(
    @Parent() kase: CaseView,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseTask[]> {
    return this.loaders.of(context, principal).tasks.load(kase.id);
  }

  @ResolveField(() => [CaseObservableType])
  observables(
    @Parent() kase: CaseView,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseObservable[]> {
    return this.loaders.of(context, principal).observables.load(kase.id);
  }

  @ResolveField(() => CaseType, { nullable: true, description: 'The case this one was merged into.' })
  mergedInto(
    @Parent() kase: CaseView,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView | null> | null {
    return kase.mergedIntoId ? this.loaders.of(context, principal).cases.load(kase.mergedIntoId) : null;
  }

  @ResolveField(() => CaseFindingConnection, { description: 'Most recently attached first.' })
  findings(
    @Parent() kase: CaseView,
    @Args() args: ConnectionArgs,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Connection<CaseFindingView>> {
    return this.loaders
      .of(context, principal)
      .session.run((m, t) => CaseChildren.findings(m, t, kase.id, page(args)));
  }

  @ResolveField(() => CaseCommentConnection, { description: 'Newest first.' })
  comments(
    @Parent() kase: CaseView,
    @Args() args: ConnectionArgs,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Connection<CaseComment>> {
    return this.loaders
      .of(context, principal)
      .session.run((m, t) => CaseChildren.comments(m, t, kase.id, page(args)));
  }

  @ResolveField(() => CaseEventConnection, { description: 'Every change, in the order it happened.' })
  timeline(
    @Parent() kase: CaseView,
    @Args() args: ConnectionArgs,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Connection<CaseEventView>> {
    return this.loaders
      .of(context, principal)
      .session.run((m, t) => CaseChildren.timeline(m, t, kase.id, page(args)));
  }
}
