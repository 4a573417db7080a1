import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@sieve/core';
import type { CaseComment } from '../../model/case-comment.entity.js';
import type { CaseObservable } from '../../model/case-observable.entity.js';
import type { CaseTask } from '../../model/case-task.entity.js';
import type { CaseView } from '../../query/case-views.js';
import { CaseAssignmentService } from '../../service/case-assignment.service.js';
import { CaseCollaborationService } from '../../service/case-collaboration.service.js';
import { AddCaseTaskInput, AddObservableInput, UpdateCaseTaskInput } from '../inputs/case.inputs.js';
import { CaseCommentType, CaseObservableType, CaseTaskType } from '../types/case-children.type.js';
import { CaseType } from '../types/case.type.js';

/** Working together on a case: comments, observables, tasks, watchers. */
@Resolver()
export class CaseCollaborationResolver {
  constructor(
    private readonly collaboration: CaseCollaborationService,
    private readonly assignment: CaseAssignmentService,
  ) {}

  @Mutation(() => CaseCommentType, { description: 'Markdown; tenant users may comment on their own cases.' })
  addComment(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('body') body: string,
  ): Promise<CaseComment> {
    return this.collaboration.addComment(principal, caseId, body);
  }

  @Mutation(() => CaseObservableType)
  addObservable(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input') input: AddObservableInput,
  ): Promise<CaseObservable> {
    return this.collaboration.addObservable(principal, caseId, input);
  }

  @Mutation(() => CaseTaskType)
  addCaseTask(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input') input: AddCaseTaskInput,
  ): Promise<CaseTask> {
    return this.collaboration.addTask(principal, caseId, input);
  }

  @Mutation(() => CaseTaskType)
  updateCaseTask(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCaseTaskInput,
  ): Promise<CaseTask> {
    return this.collaboration.updateTask(principal, id, input);
  }

  @Mutation(() => CaseType, {
    description: 'Follows the case: yourself by default, or (write access) someone else.',
  })
  addWatcher(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('userId', { type: () => ID, nullable: true }) userId?: string | null,
  ): Promise<CaseView> {
    return this.assignment.addWatcher(principal, caseId, userId ?? null);
  }

  @Mutation(() => CaseType)
  removeWatcher(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('userId', { type: () => ID, nullable: true }) userId?: string | null,
  ): Promise<CaseView> {
    return this.assignment.removeWatcher(principal, caseId, userId ?? null);
  }
}
