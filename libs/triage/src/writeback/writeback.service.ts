import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type AwsAccount, AwsAccountsService, SecurityHubGateway } from '@sieve/aws';
import { Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { type LeasedEntry, leaseEntries } from './writeback-lease.js';

/** Entries sent per tenant and run; Security Hub takes 100 per request, the client splits. */
const RUN_SIZE = 500;
/** A retryable refusal is retried this many times, then kept with its error for an operator. */
const MAX_ATTEMPTS = 5;
/**
 * How long a flush holds the rows it sends. Far longer than a run takes, throttling included; no request
 * starts with less than LEASE_MARGIN_MS of it left (those rows are released for the next run), so a live
 * flush never sends rows whose lease another flush may already have taken over.
 */
const LEASE_MS = 5 * 60_000;
const LEASE_MARGIN_MS = 60_000;

export interface WritebackSummary {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Sends a tenant's pending verdicts to Security Hub: grouped by account, region, workflow status and note
 * (one BatchUpdateFindings carries one note), through the rate-limited client. The rows are leased first
 * (`leaseEntries`, committed), sent with no transaction open — a slow or throttled Security Hub holds no
 * connection and no lock — and settled afterwards by the flush that holds them. A worker that dies while
 * sending leaves rows whose lease expires; they are sent again, which Security Hub takes as the same update.
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
    const token = randomUUID();
    const now = this.clock.now();
    const until = new Date(now.getTime() + LEASE_MS);
    const entries = await this.uow.withTenant(tenantId, (m) =>
      leaseEntries(m, { tenantId, token, now, until, limit: RUN_SIZE, maxAttempts: MAX_ATTEMPTS }),
    );
    const summary: WritebackSummary = { sent: 0, failed: 0, retrying: 0 };
    if (entries.length === 0) return summary;
    const outcomes = new Outcomes(token);
    try {
      for (const group of groupEntries(entries)) {
        if (this.clock.now().getTime() > until.getTime() - LEASE_MARGIN_MS) {
          outcomes.release(group);
          continue;
        }
        await this.send(tenantId, reachable, group, outcomes, summary);
      }
    } finally {
      // Rows neither settled nor released (an unexpected error) are released too, not left to expire.
      outcomes.releaseUnsettled(entries);
      await this.uow.withTenant(tenantId, (m) => outcomes.write(m, this.clock.now()));
    }
    return summary;
  }

  private async send(
    tenantId: string,
    reachable: ReadonlyMap<string, AwsAccount & { externalId: string }>,
    group: LeasedEntry[],
    outcomes: Outcomes,
    summary: WritebackSummary,
  ): Promise<void> {
    const [first] = group;
    const account = reachable.get(first.awsAccountId);
    if (!account) {
      outcomes.finish(group, `AWS account ${first.awsAccountId} is not connected`);
      summary.failed += group.length;
      return;
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

  /** Tenants with something to send, for the periodic flush. */
  async pendingTenants(tenantIds: readonly string[]): Promise<string[]> {
    const pending: string[] = [];
    const now = this.clock.now();
    for (const tenantId of tenantIds) {
      const [row] = (await this.uow.withTenant(tenantId, (m) =>
        m.query(
          `SELECT EXISTS (SELECT 1 FROM writeback_outbox WHERE tenant_id = $1 AND sent_at IS NULL AND attempts < $2
                          AND (lease_until IS NULL OR lease_until <= $3)) AS pending`,
          [tenantId, MAX_ATTEMPTS, now],
        ),
      )) as { pending: boolean }[];
      if (row.pending) pending.push(tenantId);
    }
    return pending;
  }
}

/**
 * What a flush learnt about its entries, written back in a few statements rather than one per entry, and
 * only to the rows its lease still holds (`lease_token`): each settled row leaves the lease.
 */
class Outcomes {
  private readonly finished: { id: string; error: string | null }[] = [];
  private readonly retries: { id: string; attempts: number; error: string }[] = [];
  private readonly released: string[] = [];
  private readonly settled = new Set<string>();

  constructor(private readonly token: string) {}

  finish(entries: readonly LeasedEntry[], error: string | null): void {
    for (const e of entries) {
      this.finished.push({ id: e.id, error });
      this.settled.add(e.id);
    }
  }

  retry(entry: LeasedEntry, error: string): void {
    this.retries.push({ id: entry.id, attempts: entry.attempts + 1, error: error.slice(0, 2_000) });
    this.settled.add(entry.id);
  }

  /** Not sent in this run: back to the queue, attempts unchanged. */
  release(entries: readonly LeasedEntry[]): void {
    for (const e of entries) {
      this.released.push(e.id);
      this.settled.add(e.id);
    }
  }

  releaseUnsettled(entries: readonly LeasedEntry[]): void {
    this.release(entries.filter((e) => !this.settled.has(e.id)));
  }

  async write(manager: EntityManager, now: Date): Promise<void> {
    if (this.finished.length > 0) {
      await manager.query(
        `UPDATE writeback_outbox w SET sent_at = $1, last_error = o.error, lease_token = NULL, lease_until = NULL
         FROM jsonb_to_recordset($2::jsonb) AS o(id bigint, error text) WHERE w.id = o.id AND w.lease_token = $3`,
        [now, JSON.stringify(this.finished), this.token],
      );
    }
    if (this.retries.length > 0) {
      await manager.query(
        `UPDATE writeback_outbox w SET attempts = o.attempts, last_error = o.error, lease_token = NULL,
           lease_until = NULL
         FROM jsonb_to_recordset($1::jsonb) AS o(id bigint, attempts integer, error text)
         WHERE w.id = o.id AND w.lease_token = $2`,
        [JSON.stringify(this.retries), this.token],
      );
    }
    if (this.released.length > 0) {
      await manager.query(
        `UPDATE writeback_outbox SET lease_token = NULL, lease_until = NULL
         WHERE id = ANY($1::bigint[]) AND lease_token = $2`,
        [this.released, this.token],
      );
    }
  }
}

/** One group per BatchUpdateFindings request: same account, region, status and note. */
function groupEntries(entries: LeasedEntry[]): LeasedEntry[][] {
  const groups = new Map<string, LeasedEntry[]>();
  for (const e of entries) {
    const key = [e.awsAccountId, e.region, e.workflowStatus, e.note].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()];
}
