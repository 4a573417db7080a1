import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@sieve/core';
import type { CaseView } from '../../query/case-views.js';
import { CaseAssignmentService } from '../../service/case-assignment.service.js';
import { CaseEditorService } from '../../service/case-editor.service.js';
import { CaseLifecycleService } from '../../service/case-lifecycle.service.js';
import { CaseMergeService } from '../../service/case-merge.service.js';
import { CreateCaseInput, UpdateCaseInput } from '../inputs/case.inputs.js';
import { CaseDisposition, CaseStatus } from '../types/case-enums.js';
import { CaseType } from '../types/case.type.js';

/**
 * Changes to cases by analysts, tenant users with write access and write-scoped keys. Every one is a
 * timeline entry and an audit record; a case the credentials cannot see answers NOT_FOUND.
 */
@Resolver(() => CaseType)
export class CaseMutationResolver {
  constructor(
    private readonly editor: CaseEditorService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly assignment: CaseAssignmentService,
    private readonly merging: CaseMergeService,
  ) {}

  @Mutation(() => CaseType, { description: 'Opens a case by hand, optionally from findings.' })
  createCase(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateCaseInput,
  ): Promise<CaseView> {
    return this.editor.create(principal, input);
  }

  @Mutation(() => CaseType)
  updateCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCaseInput,
  ): Promise<CaseView> {
    return this.editor.update(principal, id, input);
  }

  @Mutation(() => CaseType, {
    description: 'Takes an unassigned case for yourself; CASE_ALREADY_CLAIMED when someone was first.',
  })
  claimCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CaseView> {
    return this.assignment.claim(principal, id);
  }

  @Mutation(() => CaseType, {
    description: 'Gives the case to someone who works the tenant; null unassigns.',
  })
  assignCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('assigneeId', { type: () => ID, nullable: true }) assigneeId?: string | null,
  ): Promise<CaseView> {
    return this.assignment.assign(principal, id, assigneeId ?? null);
  }

  @Mutation(() => CaseType)
  acknowledgeCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CaseView> {
    return this.lifecycle.acknowledge(principal, id);
  }

  @Mutation(() => CaseType, {
    description: 'Moves the case to another status; INVALID_CASE_TRANSITION when the lifecycle forbids it.',
  })
  transitionCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('to', { type: () => CaseStatus }) to: CaseStatus,
  ): Promise<CaseView> {
    return this.lifecycle.transition(principal, id, to);
  }

  @Mutation(() => CaseType, {
    description: 'Resolves with a disposition and a summary; learn asks the knowledge base to learn from it.',
  })
  resolveCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('disposition', { type: () => CaseDisposition }) disposition: CaseDisposition,
    @Args('summary') summary: string,
    @Args('learn', { type: () => Boolean, defaultValue: false }) learn: boolean,
  ): Promise<CaseView> {
    return this.lifecycle.resolve(principal, id, { disposition, summary, learn });
  }

  @Mutation(() => CaseType, { description: 'Reopens a RESOLVED or CLOSED case to INVESTIGATING.' })
  reopenCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CaseView> {
    return this.lifecycle.reopen(principal, id);
  }

  @Mutation(() => CaseType, {
    description: 'Merges a duplicate into its original (same tenant); answers the original.',
  })
  mergeCases(
    @CurrentPrincipal() principal: Principal,
    @Args('sourceId', { type: () => ID }) sourceId: string,
    @Args('targetId', { type: () => ID }) targetId: string,
  ): Promise<CaseView> {
    return this.merging.merge(principal, sourceId, targetId);
  }

  @Mutation(() => CaseType, { description: 'Moves findings into a case; answers that case.' })
  moveFindings(
    @CurrentPrincipal() principal: Principal,
    @Args('findingIds', { type: () => [ID] }) findingIds: string[],
    @Args('toCaseId', { type: () => ID }) toCaseId: string,
  ): Promise<CaseView> {
    return this.merging.moveFindings(principal, findingIds, toCaseId);
  }
}
