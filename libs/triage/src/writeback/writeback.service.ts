import { Injectable, Logger } from '@nestjs/common';
import { AwsAccountsService, SecurityHubGateway } from '@sieve/aws';
import { Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { WritebackEntry } from './writeback-entry.entity.js';

/** Entries sent per tenant and run; Security Hub takes 100 per request, the client splits. */
const RUN_SIZE = 500;
/** A retryable refusal is retried this many times, then kept with its error for an operator. */
const MAX_ATTEMPTS = 5;

export interface WritebackSummary {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Sends a tenant's pending verdicts to Security Hub: grouped by account, region, workflow status and note
 * (one BatchUpdateFindings carries one note), through the rate-limited client. Rows are locked while
 * they are sent (SKIP LOCKED: two workers never send the same rows at once); a crash before the commit
 * sends them again, which Security Hub takes as the same update.
 */
@Injectable()
export class WritebackService {
  private readonly logger = new Logger(WritebackService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AwsAccountsService,
    private readonly securityHub: SecurityHubGateway,
    private readonly clock: Clock,
  ) {}

  async flush(tenantId: string): Promise<WritebackSummary> {
    const reachable = new Map((await this.accounts.reachable(tenantId)).map((a) => [a.accountId, a]));
    return this.uow.withTenant(tenantId, async (manager) => {
      const entries = await manager
        .createQueryBuilder(WritebackEntry, 'w')
        .where('w.tenant_id = :tenantId AND w.sent_at IS NULL AND w.attempts < :max', {
          tenantId,
          max: MAX_ATTEMPTS,
        })
        .orderBy('w.id')
        .limit(RUN_SIZE)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const summary: WritebackSummary = { sent: 0, failed: 0, retrying: 0 };
      const outcomes = new Outcomes();
      for (const group of groupEntries(entries)) {
        const [first] = group;
        const account = reachable.get(first.awsAccountId);
        if (!account) {
          outcomes.finish(group, `AWS account ${first.awsAccountId} is not connected`);
          summary.failed += group.length;
          continue;
        }
        const target = {
          tenantId,
          accountId: account.accountId,
          roleArn: account.roleArn,
          externalId: account.externalId,
          region: first.region,
        };
        try {
          const result = await this.securityHub.batchUpdateFindings(target, {
            identifiers: group.map((e) => ({ Id: e.providerFindingId, ProductArn: e.productArn })),
            workflowStatus: first.workflowStatus,
            note: { text: first.note, updatedBy: 'sieve' },
          });
          const refused = new Map(result.unprocessed.map((u) => [`${u.productArn}\u0000${u.id}`, u]));
          for (const entry of group) {
            const failure = refused.get(`${entry.productArn}\u0000${entry.providerFindingId}`);
            if (!failure) {
              outcomes.finish([entry], null);
              summary.sent++;
            } else if (failure.retryable) {
              outcomes.retry(entry, `${failure.errorCode}: ${failure.errorMessage}`);
              summary.retrying++;
            } else {
              outcomes.finish([entry], `${failure.errorCode}: ${failure.errorMessage}`);
              summary.failed++;
            }
          }
        } catch (error) {
          // The whole request failed (throttled past its retries, role refused): try the group again later.
          this.logger.warn(
            `Writeback to ${first.awsAccountId}/${first.region} failed: ${(error as Error).message}`,
          );
          for (const entry of group) outcomes.retry(entry, (error as Error).message);
          summary.retrying += group.length;
        }
      }
      await outcomes.write(manager, this.clock.now());
      return summary;
    });
  }

  /** Tenants with something to send, for the periodic flush. */
  async pendingTenants(tenantIds: readonly string[]): Promise<string[]> {
    const pending: string[] = [];
    for (const tenantId of tenantIds) {
      const [row] = (await this.uow.withTenant(tenantId, (m) =>
        m.query(
          `SELECT EXISTS (SELECT 1 FROM writeback_outbox WHERE tenant_id = $1 AND sent_at IS NULL AND attempts < $2) AS pending`,
          [tenantId, MAX_ATTEMPTS],
        ),
      )) as { pending: boolean }[];
      if (row.pending) pending.push(tenantId);
    }
    return pending;
  }
}

/** What a flush learnt about its entries, written back in two statements rather than one per entry. */
class Outcomes {
  private readonly finished: { id: string; error: string | null }[] = [];
  private readonly retries: { id: string; attempts: number; error: string }[] = [];

  finish(entries: readonly WritebackEntry[], error: string | null): void {
    for (const e of entries) this.finished.push({ id: e.id, error });
  }

  retry(entry: WritebackEntry, error: string): void {
    this.retries.push({ id: entry.id, attempts: entry.attempts + 1, error: error.slice(0, 2_000) });
  }

  async write(manager: EntityManager, now: Date): Promise<void> {
    if (this.finished.length > 0) {
      await manager.query(
        `UPDATE writeback_outbox w SET sent_at = $1, last_error = o.error
         FROM jsonb_to_recordset($2::jsonb) AS o(id bigint, error text) WHERE w.id = o.id`,
        [now, JSON.stringify(this.finished)],
      );
    }
    if (this.retries.length > 0) {
      await manager.query(
        `UPDATE writeback_outbox w SET attempts = o.attempts, last_error = o.error
         FROM jsonb_to_recordset($1::jsonb) AS o(id bigint, attempts integer, error text) WHERE w.id = o.id`,
        [JSON.stringify(this.retries)],
      );
    }
  }
}

/** One group per BatchUpdateFindings request: same account, region, status and note. */
function groupEntries(entries: WritebackEntry[]): WritebackEntry[][] {
  const groups = new Map<string, WritebackEntry[]>();
  for (const e of entries) {
    const key = [e.awsAccountId, e.region, e.workflowStatus, e.note].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()];
}
