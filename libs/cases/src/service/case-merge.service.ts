import { Injectable } from '@nestjs/common';
import { Access, ErrorCode, type Principal, SieveException, UnitOfWork } from '@sieve/core';
import { CaseAccess } from '../access/case-access.js';
import type { TimelineEntryInput } from '../events/case-timeline.js';
import { CaseEventType } from '../model/case-event-type.js';
import { CaseDisposition, CaseStatus, isOpen } from '../model/case-status.js';
import type { Case } from '../model/case.entity.js';
import { mergeKeys } from '../grouping/group-keys.js';
import { attachedFindingData } from '../model/finding-facts.js';
import { type CaseView, loadCaseView } from '../query/case-views.js';
import { CaseLinks, observableAddedData } from '../store/case-links.js';
import { changedRows } from '../store/sql.js';
import { CaseRelink } from './case-relink.js';
import { type CaseChangeContext, CaseWriter } from './case-writer.js';
import { severityWith } from './severity-change.js';

function assertOpen(ctx: CaseChangeContext, role: string): void {
  if (!isOpen(ctx.kase.status)) {
    throw new SieveException(ErrorCode.Conflict, `The ${role} case ${ctx.key} is ${ctx.kase.status}`);
  }
}

/** Findings changing case: moving some, or merging a duplicate case into its original. */
@Injectable()
export class CaseMergeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: CaseAccess,
    private readonly writer: CaseWriter,
    private readonly links: CaseLinks,
    private readonly relink: CaseRelink,
  ) {}

  /** Moves findings of the case's tenant into an open case; each leaves the open case it was in. */
  moveFindings(principal: Principal, findingIds: readonly string[], toCaseId: string): Promise<CaseView> {
    if (findingIds.length === 0)
      throw new SieveException(ErrorCode.BadUserInput, 'Name at least one finding');
    return this.writer.change(principal, toCaseId, Access.Write, async (ctx) => {
      assertOpen(ctx, 'target');
      const relinked = await this.relink.bring(
        ctx.manager,
        ctx.tenantId,
        ctx.kase.id,
        findingIds,
        principal,
        ctx.now,
      );
      const severity = severityWith(ctx.kase, relinked.attached);
      return {
        patch: severity?.patch,
        entries: [...relinked.entries, ...(severity ? [severity.entry] : [])],
        audit: { action: 'case.findings_moved', details: { findingIds: relinked.attached.map((f) => f.id) } },
      };
    });
  }

  /**
   * Merges `source` into `target` (same tenant, both open): the findings, observables, watchers, tags and
   * grouping keys move to the target, whose severity follows its worst finding; the source is resolved as a
   * DUPLICATE and closed, pointing at the target. Both timelines record it.
   */
  async merge(principal: Principal, sourceId: string, targetId: string): Promise<CaseView> {
    if (sourceId === targetId)
      throw new SieveException(ErrorCode.BadUserInput, 'A case cannot be merged into itself');
    const tenantId = await this.access.tenantOfCase(principal, sourceId);
    if ((await this.access.tenantOfCase(principal, targetId)) !== tenantId) {
      throw new SieveException(ErrorCode.BadUserInput, 'Only cases of the same tenant can be merged');
    }
    this.access.assertCanWrite(principal, tenantId);
    return this.uow.withTenant(tenantId, async (manager) => {
      // Locked in id order, as any two changes locking both would.
      const [first, second] = [sourceId, targetId].sort();
      const locked = [
        await this.writer.lock(manager, tenantId, first),
        await this.writer.lock(manager, tenantId, second),
      ];
      const source = locked.find((c) => c.kase.id === sourceId)!;
      const target = locked.find((c) => c.kase.id === targetId)!;
      assertOpen(source, 'source');
      assertOpen(target, 'target');

      const moved = await changedRows<{ finding_id: string }>(
        manager,
        `DELETE FROM case_findings WHERE tenant_id = $1 AND case_id = $2 RETURNING finding_id`,
        [tenantId, sourceId],
      );
      const findingIds = moved.map((m) => m.finding_id);
      const targetEntries = await this.takeOver(source, target, findingIds);
      await this.writer.commit(principal, target, {
        ...targetEntries,
        audit: { action: 'case.merged', details: { sourceId, sourceKey: source.key, findingIds } },
      });
      await this.writer.commit(principal, source, this.closeAsDuplicate(source, target, findingIds));
      return loadCaseView(manager, tenantId, targetId);
    });
  }

  /** What the target gains from the source; answers its patch and entries. */
  private async takeOver(
    source: CaseChangeContext,
    target: CaseChangeContext,
    findingIds: string[],
  ): Promise<{ patch: Partial<Case>; entries: TimelineEntryInput[] }> {
    const { manager, tenantId, now } = target;
    const facts = await this.links.facts(manager, tenantId, findingIds);
    await this.links.attach(
      manager,
      tenantId,
      facts.map((f) => ({ caseId: target.kase.id, findingId: f.id, reason: 'moved' })),
      now,
    );
    const observables = (await manager.query(
      `INSERT INTO case_observables (tenant_id, case_id, type, value, source, finding_id, note, created_at)
       SELECT tenant_id, $3, type, value, source, finding_id, note, created_at FROM case_observables
       WHERE tenant_id = $1 AND case_id = $2
       ON CONFLICT (case_id, type, value) DO NOTHING
       RETURNING id, case_id AS "caseId", type, value, source, finding_id AS "findingId"`,
      [tenantId, source.kase.id, target.kase.id],
    )) as Parameters<typeof observableAddedData>[0][];
    const watchers = (await manager.query(
      `INSERT INTO case_watchers (case_id, user_id, tenant_id, added_at)
       SELECT $3, user_id, tenant_id, $4 FROM case_watchers WHERE tenant_id = $1 AND case_id = $2
       ON CONFLICT (case_id, user_id) DO NOTHING RETURNING user_id`,
      [tenantId, source.kase.id, target.kase.id, now],
    )) as { user_id: string }[];

    const tags = [...new Set([...target.kase.tags, ...source.kase.tags])];
    const added = tags.filter((t) => !target.kase.tags.includes(t));
    // The source's own rating counts too: an analyst may have raised it by hand.
    const severity = severityWith(target.kase, [...facts, source.kase]);
    const entries: TimelineEntryInput[] = [
      { type: CaseEventType.MERGED, data: { fromCaseId: source.kase.id, fromKey: source.key, findingIds } },
      ...facts.map((f) => ({
        type: CaseEventType.FINDING_ATTACHED,
        data: { ...attachedFindingData(f), reason: 'moved', fromCaseId: source.kase.id },
      })),
      ...(severity ? [severity.entry] : []),
      ...(added.length ? [{ type: CaseEventType.TAGS_CHANGED, data: { added, removed: [], tags } }] : []),
      ...observables.map((o) => ({ type: CaseEventType.OBSERVABLE_ADDED, data: observableAddedData(o) })),
      ...watchers.map((w) => ({ type: CaseEventType.WATCHER_ADDED, data: { userId: w.user_id } })),
    ];
    return {
      patch: {
        ...severity?.patch,
        tags,
        groupKeys: mergeKeys(target.kase.groupKeys, source.kase.groupKeys),
      },
      entries,
    };
  }

  private closeAsDuplicate(source: CaseChangeContext, target: CaseChangeContext, findingIds: string[]) {
    const { kase, now } = source;
    const summary = `Merged into ${target.key}`;
    return {
      patch: {
        status: CaseStatus.CLOSED,
        disposition: CaseDisposition.DUPLICATE,
        resolutionSummary: summary,
        mergedIntoId: target.kase.id,
        acknowledgedAt: kase.acknowledgedAt ?? now,
        resolvedAt: now,
        closedAt: now,
      },
      entries: [
        { type: CaseEventType.MERGED, data: { intoCaseId: target.kase.id, intoKey: target.key, findingIds } },
        { type: CaseEventType.STATUS_CHANGED, data: { from: kase.status, to: CaseStatus.RESOLVED } },
        {
          type: CaseEventType.RESOLVED,
          data: { disposition: CaseDisposition.DUPLICATE, summary, learn: false },
        },
        { type: CaseEventType.STATUS_CHANGED, data: { from: CaseStatus.RESOLVED, to: CaseStatus.CLOSED } },
      ],
      audit: { action: 'case.merged_away', details: { intoCaseId: target.kase.id, intoKey: target.key } },
    };
  }
}
