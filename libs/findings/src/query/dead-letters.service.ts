import { Injectable } from '@nestjs/common';
import { type Actor, AuditService, type Connection, type ConnectionArgs, UnitOfWork } from '@sieve/core';
import { Finding } from '../store/finding.entity.js';
import { TriageStatus } from '../store/triage-status.js';
import { DEAD_LETTER_PROPERTIES, type DeadLetterView, selection, toDeadLetterView } from './finding-views.js';
import { paginateBySeen } from './seen-keyset.js';
import { assertTenantExists } from './tenant-exists.js';

/**
 * Findings triage gave up on (DEAD), per tenant, and their replay. Platform staff name the tenant; every
 * read and write still runs in that tenant's unit of work, never in platform scope.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(tenantId: string, args: ConnectionArgs): Promise<Connection<DeadLetterView>> {
    return this.uow.withTenant(tenantId, async (manager) => {
      await assertTenantExists(manager, tenantId);
      const query = manager
        .createQueryBuilder(Finding, 'f')
        .select(selection('f', DEAD_LETTER_PROPERTIES))
        .where('f.tenant_id = :tenantId AND f.triage_status = :dead', { tenantId, dead: TriageStatus.DEAD });
      return paginateBySeen(query, 'f', args, toDeadLetterView);
    });
  }

  /**
   * Sends dead findings back to triage: PENDING, no attempts, no error, requested now (the triage sweeper
   * picks up PENDING work by `triage_requested_at`). Only DEAD findings of the tenant among `findingIds`
   * (all of them when omitted) change; the count says how many did. Audited with the change.
   */
  replay(actor: Actor, tenantId: string, findingIds?: readonly string[] | null): Promise<number> {
    return this.uow.withTenant(tenantId, async (manager) => {
      await assertTenantExists(manager, tenantId);
      const update = manager
        .createQueryBuilder()
        .update(Finding)
        .set({
          triageStatus: TriageStatus.PENDING,
          triageAttempts: 0,
          triageError: null,
          triageRequestedAt: () => 'now()',
        })
        .where('tenant_id = :tenantId AND triage_status = :dead', { tenantId, dead: TriageStatus.DEAD });
      if (findingIds) update.andWhere('id IN (:...findingIds)', { findingIds: [...findingIds] });
      const result = await update.returning(['id']).execute();
      const replayed = (result.raw as { id: string }[]).map((r) => r.id);
      if (replayed.length > 0) {
        await this.audit.record(actor, {
          action: 'finding.dead_letters_replayed',
          targetType: 'finding',
          details: { count: replayed.length, findingIds: replayed, all: !findingIds },
        });
      }
      return replayed.length;
    });
  }
}
