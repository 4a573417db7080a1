import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AwsSecurityFinding, AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { SecurityHubGateway } from '@sieve/aws';
import { Clock, UnitOfWork } from '@sieve/core';
import { FindingsStore } from '../store/findings-store.js';
import { type PageRecords, pageRecords } from './page-records.js';
import { type CursorKey, advanceCursor, openCursor, recordFailure, recordSuccess } from './poll-cursors.js';
import { pollFailureReason } from './poll-failure-reason.js';
import type { PollSummary, PollTarget } from './poll-target.js';
import { FindingsIngestedHook } from '../ingest/findings-ingested.hook.js';
import { PullSettings } from './pull-settings.js';

/**
 * Pulls one account × region's Security Hub findings into the store, from its cursor on.
 *
 * Durability: each page is stored and the cursor advanced to the page's latest UpdatedAt in ONE tenant
 * transaction, so a crash resumes after the last committed page. The next poll reads from the cursor
 * minus the overlap (inclusive), so findings sharing the cursor's UpdatedAt across a page boundary, or
 * indexed late, are read again; the store's (tenant, product, id) dedup makes that harmless. Within one
 * poll, GetFindings walks a result frozen at the first page, so each finding comes once.
 */
@Injectable()
export class FindingPoller {
  private readonly logger = new Logger(FindingPoller.name);
  private readonly settings: PullSettings;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FindingsStore,
    private readonly hub: SecurityHubGateway,
    private readonly clock: Clock,
    @Optional() @Inject(PullSettings) settings?: PullSettings,
    @Optional() private readonly hook?: FindingsIngestedHook,
  ) {
    this.settings = settings ?? new PullSettings();
  }

  /**
   * Throws when Security Hub or the database fails, after recording `last_error` (customer-readable);
   * pages committed before the failure stay committed and the cursor stays with them.
   */
  async poll(target: PollTarget): Promise<PollSummary> {
    const key: CursorKey = { tenantId: target.tenantId, accountId: target.accountId, region: target.region };
    const startedAt = this.clock.now();
    const cursor = await this.uow.withTenant(target.tenantId, (m) => openCursor(m, key, startedAt));
    const summary: PollSummary = {
      read: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      invalid: 0,
      pages: 0,
      cursor: cursor?.toISOString() ?? null,
    };
    try {
      const pages = this.hub.getFindings(target, {
        filters: this.filters(target, this.readFrom(cursor, startedAt)),
        sortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }],
        pageSize: this.settings.pageSize,
      });
      for await (const page of pages) await this.storePage(target, key, page, startedAt, summary);
      await this.uow.withTenant(target.tenantId, (m) => recordSuccess(m, key, this.clock.now()));
    } catch (error) {
      await this.recordFailure(target, key, error, summary);
      throw error;
    }
    this.logger.log(
      `Polled ${describe(target)}: ${summary.read} read in ${summary.pages} page(s), ${summary.inserted} new, ` +
        `${summary.updated} updated, ${summary.invalid} invalid; cursor ${summary.cursor ?? 'unset'}`,
    );
    return summary;
  }

  /** The earliest UpdatedAt to ask for: the cursor minus the overlap, or the lookback on a first poll. */
  private readFrom(cursor: Date | null, startedAt: Date): Date {
    return cursor
      ? new Date(cursor.getTime() - this.settings.overlapMs)
      : new Date(startedAt.getTime() - this.settings.firstPollLookbackMs);
  }

  /**
   * Any RecordState (archived findings carry resolutions triage needs). Account and Region are pinned:
   * an administrator account, or a region aggregating others, also returns findings of other accounts
   * and regions, which belong to other targets (or to no verified account of this tenant).
   */
  private filters(target: PollTarget, from: Date): AwsSecurityFindingFilters {
    return {
      UpdatedAt: [{ Start: from.toISOString() }],
      AwsAccountId: [{ Value: target.accountId, Comparison: 'EQUALS' }],
      Region: [{ Value: target.region, Comparison: 'EQUALS' }],
    };
  }

  private async storePage(
    target: PollTarget,
    key: CursorKey,
    page: AwsSecurityFinding[],
    startedAt: Date,
    summary: PollSummary,
  ): Promise<void> {
    const { records, invalid, maxUpdatedAt } = pageRecords(page, target.accountId);
    for (const finding of invalid) {
      this.logger.warn(
        `Skipped invalid finding ${finding.findingId ?? '(no Id)'} from ${describe(target)}: ${finding.errors.join('; ')}`,
      );
    }
    const to = cursorTarget(maxUpdatedAt, startedAt);
    const { stored, cursor } = await this.uow.withTenant(target.tenantId, async (m) => {
      const results = records.length ? await this.store.upsert(m, records) : [];
      return { stored: results, cursor: await advanceCursor(m, key, to, page.length) };
    });
    await this.hook?.afterIngest(target.tenantId, stored);
    summary.read += page.length;
    summary.invalid += invalid.length;
    summary.pages += 1;
    for (const { outcome } of stored) summary[outcome] += 1;
    summary.cursor = cursor?.toISOString() ?? null;
  }

  private async recordFailure(
    target: PollTarget,
    key: CursorKey,
    error: unknown,
    summary: PollSummary,
  ): Promise<void> {
    const reason = pollFailureReason(error, target);
    this.logger.warn(
      `Poll of ${describe(target)} failed after ${summary.pages} committed page(s): ${String(error)}`,
    );
    try {
      await this.uow.withTenant(target.tenantId, (m) => recordFailure(m, key, reason));
    } catch (failure) {
      // The poll's own error is the one to surface; this one only costs the customer-facing reason.
      this.logger.error(`Could not record the failed poll of ${describe(target)}: ${String(failure)}`);
    }
  }
}

/**
 * Where a page takes the cursor: its latest UpdatedAt, but never past the poll's start. A provider
 * clock running ahead (or a bogus far-future UpdatedAt) must not carry the cursor past findings that
 * are still to come; capped, such findings are merely re-read (unchanged) until time catches up.
 */
function cursorTarget(maxUpdatedAt: PageRecords['maxUpdatedAt'], startedAt: Date): Date | undefined {
  if (!maxUpdatedAt) return undefined;
  return maxUpdatedAt > startedAt ? startedAt : maxUpdatedAt;
}

function describe(target: PollTarget): string {
  return `account ${target.accountId} ${target.region} of tenant ${target.tenantId}`;
}
