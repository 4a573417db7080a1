import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Access, ErrorCode, type Principal, SieveException, isUuid } from '@sieve/core';
import { CaseAccess } from '../access/case-access.js';
import { caseActorOf } from '../model/case-actor.js';
import { CaseComment } from '../model/case-comment.entity.js';
import { CaseEventType } from '../model/case-event-type.js';
import { CaseObservable, type ObservableType } from '../model/case-observable.entity.js';
import { CaseTask } from '../model/case-task.entity.js';
import { normalizeObservable } from '../model/observable-value.js';
import { CaseLinks, observableAddedData } from '../store/case-links.js';
import { assertPersonInTenant } from './case-people.js';
import { CaseWriter } from './case-writer.js';

const MAX_COMMENT = 20_000;

export interface AddTaskCommand {
  title: string;
  assigneeId?: string | null;
  dueAt?: Date | null;
}

/** Fields of a task to change; `null` clears assignee or due time. */
export interface UpdateTaskCommand {
  title?: string | null;
  assigneeId?: string | null;
  dueAt?: Date | null;
  done?: boolean | null;
}

function taskTitle(value: string): string {
  const t = value.trim();
  if (t.length < 1 || t.length > 300)
    throw new SieveException(ErrorCode.BadUserInput, 'A task title has 1 to 300 characters');
  return t;
}

/** Comments, observables and tasks of a case. */
@Injectable()
export class CaseCollaborationService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly access: CaseAccess,
    private readonly links: CaseLinks,
  ) {}

  /** Markdown from an analyst, a tenant user (read access is enough to discuss one's own case) or a key. */
  addComment(principal: Principal, caseId: string, body: string): Promise<CaseComment> {
    const text = body.trim();
    if (!text || text.length > MAX_COMMENT) {
      throw new SieveException(ErrorCode.BadUserInput, `A comment has 1 to ${MAX_COMMENT} characters`);
    }
    const id = randomUUID();
    const author = caseActorOf(principal);
    return this.writer.apply(
      principal,
      { caseId },
      principal.kind === 'user' ? Access.Read : Access.Write,
      async (ctx) => {
        await ctx.manager.insert(CaseComment, {
          id,
          tenantId: ctx.tenantId,
          caseId: ctx.kase.id,
          authorType: author.type,
          authorId: author.id,
          body: text,
          createdAt: ctx.now,
        });
        return {
          entries: [{ type: CaseEventType.COMMENTED, data: { commentId: id, excerpt: text.slice(0, 200) } }],
          audit: { action: 'case.commented', details: { commentId: id } },
        };
      },
      (ctx) => ctx.manager.findOneByOrFail(CaseComment, { id, tenantId: ctx.tenantId }),
    );
  }

  /** An observable added by hand; adding one the case already has answers it unchanged. */
  addObservable(
    principal: Principal,
    caseId: string,
    input: { type: ObservableType; value: string; note?: string | null },
  ): Promise<CaseObservable> {
    const value = normalizeObservable(input.type, input.value);
    const note = input.note?.trim() || null;
    return this.writer.apply(
      principal,
      { caseId },
      Access.Write,
      async (ctx) => {
        const added = await this.links.addObservables(ctx.manager, ctx.tenantId, [
          { caseId: ctx.kase.id, type: input.type, value, source: 'MANUAL', findingId: null, note },
        ]);
        if (added.length === 0) return { entries: [], audit: null };
        return {
          entries: [{ type: CaseEventType.OBSERVABLE_ADDED, data: observableAddedData(added[0]) }],
          audit: { action: 'case.observable_added', details: { type: input.type, value } },
        };
      },
      (ctx) =>
        ctx.manager.findOneByOrFail(CaseObservable, {
          tenantId: ctx.tenantId,
          caseId: ctx.kase.id,
          type: input.type,
          value,
        }),
    );
  }

  addTask(principal: Principal, caseId: string, command: AddTaskCommand): Promise<CaseTask> {
    const title = taskTitle(command.title);
    const id = randomUUID();
    return this.writer.apply(
      principal,
      { caseId },
      Access.Write,
      async (ctx) => {
        if (command.assigneeId)
          await assertPersonInTenant(ctx.manager, ctx.tenantId, command.assigneeId, 'work');
        await ctx.manager.insert(CaseTask, {
          id,
          tenantId: ctx.tenantId,
          caseId: ctx.kase.id,
          title,
          assigneeId: command.assigneeId ?? null,
          dueAt: command.dueAt ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        return {
          entries: [
            {
              type: CaseEventType.TASK_ADDED,
              data: {
                taskId: id,
                title,
                assigneeId: command.assigneeId ?? null,
                dueAt: command.dueAt ?? null,
              },
            },
          ],
          audit: { action: 'case.task_added', details: { taskId: id } },
        };
      },
      (ctx) => ctx.manager.findOneByOrFail(CaseTask, { id, tenantId: ctx.tenantId }),
    );
  }

  /** Changes a task; its case is found through the task, in the principal's scope. */
  async updateTask(principal: Principal, taskId: string, command: UpdateTaskCommand): Promise<CaseTask> {
    const located = isUuid(taskId)
      ? await this.access.read(principal, 'case task lookup', async (manager, tenantIds) => {
          const rows = (await manager.query(
            `SELECT tenant_id, case_id FROM case_tasks WHERE id = $1 AND tenant_id = ANY($2::uuid[])`,
            [taskId, tenantIds],
          )) as { tenant_id: string; case_id: string }[];
          return rows[0] ?? null;
        })
      : null;
    if (!located) throw SieveException.notFound('Task', taskId);
    return this.writer.apply(
      principal,
      { caseId: located.case_id, tenantId: located.tenant_id },
      Access.Write,
      async (ctx) => {
        const task = await ctx.manager.findOneByOrFail(CaseTask, { id: taskId, tenantId: ctx.tenantId });
        const patch: Partial<CaseTask> = {};
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        const change = <K extends 'title' | 'assigneeId' | 'dueAt' | 'done'>(
          key: K,
          to: CaseTask[K],
        ): void => {
          const from = task[key];
          const same =
            from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
          if (same) return;
          changes[key] = { from, to };
          patch[key] = to;
        };
        if (command.title != null) change('title', taskTitle(command.title));
        if (command.assigneeId !== undefined) {
          if (command.assigneeId)
            await assertPersonInTenant(ctx.manager, ctx.tenantId, command.assigneeId, 'work');
          change('assigneeId', command.assigneeId);
        }
        if (command.dueAt !== undefined) change('dueAt', command.dueAt);
        if (command.done != null) {
          change('done', command.done);
          if (changes.done) patch.doneAt = command.done ? ctx.now : null;
        }
        if (Object.keys(changes).length === 0) return { entries: [], audit: null };
        await ctx.manager.update(
          CaseTask,
          { id: taskId, tenantId: ctx.tenantId },
          { ...patch, updatedAt: ctx.now },
        );
        return {
          entries: [{ type: CaseEventType.TASK_UPDATED, data: { taskId, changes } }],
          audit: { action: 'case.task_updated', details: { taskId, fields: Object.keys(changes) } },
        };
      },
      (ctx) => ctx.manager.findOneByOrFail(CaseTask, { id: taskId, tenantId: ctx.tenantId }),
    );
  }
}
