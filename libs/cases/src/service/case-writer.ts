import { Injectable } from '@nestjs/common';
import {
  Access,
  type AuditEvent,
  AuditService,
  Clock,
  type Principal,
  SieveException,
  UnitOfWork,
} from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { CaseAccess } from '../access/case-access.js';
import { CaseTimeline, type TimelineEntryInput } from '../events/case-timeline.js';
import { caseKey } from '../model/case-key.js';
import { Case } from '../model/case.entity.js';
import { type CaseView, loadCaseView } from '../query/case-views.js';

/** What a change to one case works with, inside its tenant's transaction, the case row locked. */
export interface CaseChangeContext {
  manager: EntityManager;
  tenantId: string;
  kase: Case;
  now: Date;
  /** The case's key (ACME-42). */
  key: string;
}

/** What a change did: the timeline entries of the case and the audit record of the actor. */
export interface CaseChangeOutcome {
  entries: TimelineEntryInput[];
  audit: AuditEvent | null;
  /** Values written to the case row besides `updated_at` and `last_activity_at`. */
  patch?: Partial<Case>;
}

/**
 * The frame of every change an analyst, a tenant user or an integration makes to a case: find the case's
 * tenant (NOT_FOUND alike for unknown and foreign ids), check the principal may write there, lock the row in
 * that tenant's unit of work, apply the change, append the timeline (listeners run in the same transaction),
 * record the audit entry, and answer the case as it is now.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly timeline: CaseTimeline,
    private readonly clock: Clock,
  ) {}

  /** A change answered with the case as it is afterwards. */
  change(
    principal: Principal,
    caseId: string,
    need: Access,
    work: (ctx: CaseChangeContext) => Promise<CaseChangeOutcome>,
  ): Promise<CaseView> {
    return this.apply(principal, { caseId }, need, work, (ctx) =>
      loadCaseView(ctx.manager, ctx.tenantId, ctx.kase.id),
    );
  }

  /**
   * A change answered by `answer`, read in the same transaction once the change is written. The tenant
   * is looked up unless the caller already found it in the principal's scope.
   */
  async apply<T>(
    principal: Principal,
    target: { caseId: string; tenantId?: string },
    need: Access,
    work: (ctx: CaseChangeContext) => Promise<CaseChangeOutcome>,
    answer: (ctx: CaseChangeContext) => Promise<T>,
  ): Promise<T> {
    const tenantId = target.tenantId ?? (await this.access.tenantOfCase(principal, target.caseId));
    this.access.assertCanWrite(principal, tenantId, need);
    return this.uow.withTenant(tenantId, async (manager) => {
      const ctx = await this.lock(manager, tenantId, target.caseId);
      await this.commit(principal, ctx, await work(ctx));
      return answer(ctx);
    });
  }

  /** Locks a case of the open tenant for a change; NOT_FOUND when the tenant has no such case. */
  async lock(manager: EntityManager, tenantId: string, caseId: string): Promise<CaseChangeContext> {
    const kase = await manager
      .createQueryBuilder(Case, 'c')
      .where('c.tenant_id = :tenantId AND c.id = :caseId', { tenantId, caseId })
      .setLock('pessimistic_write')
      .getOne();
    if (!kase) throw SieveException.notFound('Case', caseId);
    const [tenant] = (await manager.query(`SELECT slug FROM tenants WHERE id = $1`, [tenantId])) as {
      slug: string;
    }[];
    return { manager, tenantId, kase, now: this.clock.now(), key: caseKey(tenant.slug, kase.number) };
  }

  /** Writes the patch and activity time, appends the entries and records the audit entry of a change. */
  async commit(actor: Principal, ctx: CaseChangeContext, outcome: CaseChangeOutcome): Promise<void> {
    if (outcome.entries.length === 0 && !outcome.patch) return;
    await ctx.manager.update(
      Case,
      { id: ctx.kase.id, tenantId: ctx.tenantId },
      { ...outcome.patch, updatedAt: ctx.now, lastActivityAt: ctx.now },
    );
    await this.timeline.append(ctx.manager, {
      tenantId: ctx.tenantId,
      caseId: ctx.kase.id,
      actor,
      entries: outcome.entries,
    });
    if (outcome.audit) {
      await this.audit.record(actor, {
        targetType: 'case',
        targetId: ctx.kase.id,
        ...outcome.audit,
        details: { key: ctx.key, ...outcome.audit.details },
      });
    }
  }
}
