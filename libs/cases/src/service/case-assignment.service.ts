import { Injectable } from '@nestjs/common';
import { Access, ErrorCode, type Principal, SieveException, isUuid } from '@sieve/core';
import { CaseEventType } from '../model/case-event-type.js';
import { isOpen } from '../model/case-status.js';
import type { CaseView } from '../query/case-views.js';
import { changedRows } from '../store/sql.js';
import { assertPersonInTenant, personOf } from './case-people.js';
import { type CaseChangeContext, CaseWriter } from './case-writer.js';

function assertOpen(ctx: CaseChangeContext, what: string): void {
  if (!isOpen(ctx.kase.status)) {
    throw new SieveException(ErrorCode.Conflict, `${ctx.key} is ${ctx.kase.status}: reopen it to ${what}`);
  }
}

/** Who works a case (claim, assign) and who follows it (watchers). */
@Injectable()
export class CaseAssignmentService {
  constructor(private readonly writer: CaseWriter) {}

  /**
   * Takes an unassigned case for oneself. Two analysts claiming at once: the row lock orders them and the
   * conditional UPDATE lets exactly one through; the other gets CASE_ALREADY_CLAIMED. Claiming a case one
   * already holds changes nothing.
   */
  claim(principal: Principal, caseId: string): Promise<CaseView> {
    const userId = personOf(principal, 'claim a case');
    return this.writer.change(principal, caseId, Access.Write, async (ctx) => {
      assertOpen(ctx, 'claim it');
      if (ctx.kase.assigneeId === userId) return { entries: [], audit: null };
      const claimed = await changedRows(
        ctx.manager,
        `UPDATE cases SET assignee_id = $3 WHERE tenant_id = $1 AND id = $2 AND assignee_id IS NULL RETURNING id`,
        [ctx.tenantId, ctx.kase.id, userId],
      );
      if (claimed.length === 0) {
        throw new SieveException(
          ErrorCode.CaseAlreadyClaimed,
          `${ctx.key} is already claimed by someone else`,
        );
      }
      return {
        entries: [{ type: CaseEventType.CLAIMED, data: { assigneeId: userId } }],
        audit: { action: 'case.claimed' },
      };
    });
  }

  /** Gives the case to a member who works the tenant's cases or an analyst assigned to it; null unassigns. */
  assign(principal: Principal, caseId: string, assigneeId: string | null): Promise<CaseView> {
    return this.writer.change(principal, caseId, Access.Write, async (ctx) => {
      assertOpen(ctx, 'assign it');
      if (assigneeId) await assertPersonInTenant(ctx.manager, ctx.tenantId, assigneeId, 'work');
      const previous = ctx.kase.assigneeId;
      if (previous === assigneeId) return { entries: [], audit: null };
      return {
        patch: { assigneeId },
        entries: [{ type: CaseEventType.ASSIGNED, data: { assigneeId, previousAssigneeId: previous } }],
        audit: { action: 'case.assigned', details: { assigneeId, previousAssigneeId: previous } },
      };
    });
  }

  /** Follows the case: oneself (read access is enough) or, with write access, another person. */
  addWatcher(principal: Principal, caseId: string, userId: string | null): Promise<CaseView> {
    const self = principal.kind === 'user' ? principal.userId : null;
    const watcher = userId ?? personOf(principal, 'watch a case');
    return this.writer.change(
      principal,
      caseId,
      watcher === self ? Access.Read : Access.Write,
      async (ctx) => {
        await assertPersonInTenant(ctx.manager, ctx.tenantId, watcher, 'watch');
        const added = (await ctx.manager.query(
          `INSERT INTO case_watchers (case_id, user_id, tenant_id, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, user_id) DO NOTHING RETURNING user_id`,
          [ctx.kase.id, watcher, ctx.tenantId, ctx.now],
        )) as unknown[];
        if (added.length === 0) return { entries: [], audit: null };
        return {
          entries: [{ type: CaseEventType.WATCHER_ADDED, data: { userId: watcher } }],
          audit: { action: 'case.watcher_added', details: { userId: watcher } },
        };
      },
    );
  }

  removeWatcher(principal: Principal, caseId: string, userId: string | null): Promise<CaseView> {
    const self = principal.kind === 'user' ? principal.userId : null;
    const watcher = userId ?? personOf(principal, 'stop watching a case');
    if (!isUuid(watcher)) throw SieveException.notFound('User', watcher);
    return this.writer.change(
      principal,
      caseId,
      watcher === self ? Access.Read : Access.Write,
      async (ctx) => {
        const removed = await changedRows(
          ctx.manager,
          `DELETE FROM case_watchers WHERE tenant_id = $1 AND case_id = $2 AND user_id = $3 RETURNING user_id`,
          [ctx.tenantId, ctx.kase.id, watcher],
        );
        if (removed.length === 0) return { entries: [], audit: null };
        return {
          entries: [{ type: CaseEventType.WATCHER_REMOVED, data: { userId: watcher } }],
          audit: { action: 'case.watcher_removed', details: { userId: watcher } },
        };
      },
    );
  }
}
