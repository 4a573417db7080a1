import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { ErrorCode, SieveException, UnitOfWork, isUuid } from '@sieve/core';
import { LiveFeed, PgChannel, type SubscriberSession } from '@sieve/notify';
import { CaseAccess } from '../access/case-access.js';
import { loadCaseViews } from '../query/case-views.js';
import type { CaseChangeNotice } from './case-change.notifier.js';
import { CaseUpdateType } from './case-update.type.js';

type CaseUpdatedEvent = { caseUpdated: CaseUpdateType };

/**
 * Live case changes over graphql-ws. Who may subscribe is checked at subscribe time; every event is
 * checked again against the caller as it is now (its credential re-verified at most every few seconds),
 * and the case is read in the event's tenant only when the caller may read that tenant: a tenant never
 * receives another tenant's event, an MSSP analyst only those of the tenants assigned to them.
 */
@Resolver(() => CaseUpdateType)
export class CaseUpdatedResolver {
  constructor(
    private readonly feed: LiveFeed,
    private readonly access: CaseAccess,
    private readonly uow: UnitOfWork,
  ) {}

  @Subscription(() => CaseUpdateType, {
    description:
      "Changes to the cases you can read (your tenant's; an MSSP analyst's assigned tenants), or to one " +
      'case. Over graphql-ws, with the HTTP credential in connectionParams: { authorization: "Bearer …" }.',
  })
  async caseUpdated(
    @Context('subscriber') subscriber: SubscriberSession | undefined,
    @Args('caseId', { type: () => ID, nullable: true }) caseId?: string | null,
  ): Promise<AsyncIterableIterator<CaseUpdatedEvent>> {
    if (!subscriber) {
      throw new SieveException(ErrorCode.BadUserInput, 'Subscriptions are served over graphql-ws only');
    }
    await this.checkSubscription(subscriber, caseId ?? null);
    return this.feed.subscribe<CaseChangeNotice, CaseUpdatedEvent>(PgChannel.CaseChanges, (notice) =>
      this.project(subscriber, caseId ?? null, notice),
    );
  }

  /** FORBIDDEN without any readable tenant; NOT_FOUND for a case that is not (visibly) there. */
  private async checkSubscription(subscriber: SubscriberSession, caseId: string | null): Promise<void> {
    if (caseId !== null && !isUuid(caseId)) throw SieveException.notFound('Case', caseId);
    // An analyst's subscription is a cross-tenant read: `read` records it in the audit log.
    const found = await this.access.read(
      subscriber.principal,
      'caseUpdated subscription',
      (manager, tenantIds) => (caseId ? loadCaseViews(manager, tenantIds, [caseId]) : Promise.resolve([])),
    );
    if (found === null) {
      throw new SieveException(ErrorCode.Forbidden, 'These credentials may not read any tenant’s cases');
    }
    if (caseId && found.length === 0) throw SieveException.notFound('Case', caseId);
  }

  private async project(
    subscriber: SubscriberSession,
    caseId: string | null,
    notice: CaseChangeNotice,
  ): Promise<CaseUpdatedEvent | null> {
    if (caseId && notice.caseId !== caseId) return null;
    const readable = () => this.access.readableTenants(subscriber.principal).includes(notice.tenantId);
    if (!readable()) return null;
    // Throws once the credential no longer holds, which ends the subscription with that error.
    await subscriber.recheck();
    if (!readable()) return null;
    const [view] = await this.uow.withTenant(notice.tenantId, (manager) =>
      loadCaseViews(manager, [notice.tenantId], [notice.caseId]),
    );
    if (!view) return null;
    return {
      caseUpdated: { caseId: view.id, tenantId: view.tenantId, changes: notice.entryTypes, case: view },
    };
  }
}
