import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@sieve/core';
import type { CaseComment } from '../../model/case-comment.entity.js';
import type { CaseTask } from '../../model/case-task.entity.js';
import type { CaseEventView, PersonView } from '../../query/case-children.js';
import { CaseLoadersFactory } from '../../query/case-loaders.factory.js';
import { CaseCommentType, CaseEventType, CaseTaskType } from '../types/case-children.type.js';
import { CasePersonType } from '../types/case-person.type.js';

/** The people behind comments, tasks and timeline entries, batched like a case's assignee. */
@Resolver(() => CaseCommentType)
export class CaseCommentResolver {
  constructor(private readonly loaders: CaseLoadersFactory) {}

  @ResolveField(() => CasePersonType, { nullable: true, description: 'Null when an integration wrote it.' })
  author(
    @Parent() comment: CaseComment,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonView | null> | null {
    return comment.authorType === 'USER' && comment.authorId
      ? this.loaders.of(context, principal).people.load(comment.authorId)
      : null;
  }
}

@Resolver(() => CaseTaskType)
export class CaseTaskResolver {
  constructor(private readonly loaders: CaseLoadersFactory) {}

  @ResolveField(() => CasePersonType, { nullable: true })
  assignee(
    @Parent() task: CaseTask,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonView | null> | null {
    return task.assigneeId ? this.loaders.of(context, principal).people.load(task.assigneeId) : null;
  }
}

@Resolver(() => CaseEventType)
export class CaseEventResolver {
  constructor(private readonly loaders: CaseLoadersFactory) {}

  @ResolveField(() => CasePersonType, { nullable: true, description: 'The person, when a person did it.' })
  actor(
    @Parent() event: CaseEventView,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonView | null> | null {
    return event.actorType === 'USER' && event.actorId
      ? this.loaders.of(context, principal).people.load(event.actorId)
      : null;
  }
}
