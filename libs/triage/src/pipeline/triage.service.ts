import { Injectable, Logger, Optional } from '@nestjs/common';
import { Clock, UnitOfWork } from '@sieve/core';
import { Finding, TriageStatus } from '@sieve/findings';
import { KnownGoodMatcher } from '@sieve/knowledge';
import type { EntityManager } from 'typeorm';
import { EnrichmentRunner } from '../enrichment/enrichment-runner.js';
import { fingerprintOf } from '../fingerprint/fingerprint.js';
import { triageFindingOf } from '../triage-finding.js';
import { MAX_TRIAGE_ATTEMPTS, TRIAGE_BATCH_SIZE, retryDelayMs } from './triage-settings.js';
import { WritebackEntry } from '../writeback/writeback-entry.entity.js';
import { writebackOf } from '../writeback/writeback-note.js';
import { decideVerdict } from './verdict-policy.js';
import { VerdictHook } from './verdict.hook.js';

export interface TriageBatchSummary {
  triaged: number;
  suppressed: number;
  raised: number;
  failed: number;
  /** Findings of the tenant still waiting (due now) after this batch. */
  remaining: number;
  /** Severity (0-100) of the most severe of them, for the priority of the next batch. */
  remainingMaxSeverity: number | null;
}

/**
 * Gives findings their verdict: enrich → fingerprint → match known-good → verdict, for one tenant at a
 * time. Rows are claimed with FOR UPDATE SKIP LOCKED and only PENDING/ERROR ones that are due are taken,
 * so concurrent or repeated runs (a job re-run after a crash) never give a finding a second verdict.
 */
@Injectable()
export class TriageService {
  private readonly logger = new Logger(TriageService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrichment: EnrichmentRunner,
    private readonly matcher: KnownGoodMatcher,
    private readonly clock: Clock,
    @Optional() private readonly hook?: VerdictHook,
  ) {}

  triageNext(tenantId: string, limit = TRIAGE_BATCH_SIZE): Promise<TriageBatchSummary> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const now = this.clock.now();
      const due = await manager
        .createQueryBuilder(Finding, 'f')
        .where(
          'f.tenant_id = :tenantId AND f.triage_status IN (:...statuses) AND f.triage_requested_at <= :now',
          {
            tenantId,
            statuses: [TriageStatus.PENDING, TriageStatus.ERROR],
            now,
          },
        )
        .orderBy('f.severity_normalized', 'DESC')
        .addOrderBy('f.triage_requested_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const summary: TriageBatchSummary = {
        triaged: 0,
        suppressed: 0,
        raised: 0,
        failed: 0,
        remaining: 0,
        remainingMaxSeverity: null,
      };
      const writeback = await this.writebackEnabled(manager, tenantId);
      for (const finding of due) {
        const verdict = await this.triageOne(manager, tenantId, finding, writeback);
        if (verdict === 'SUPPRESSED') summary.suppressed++;
        else if (verdict === 'RAISED') summary.raised++;
        else summary.failed++;
        summary.triaged++;
      }
      const left = await this.due(manager, tenantId, now);
      summary.remaining = left.count;
      summary.remainingMaxSeverity = left.maxSeverity;
      return summary;
    });
  }

  private async triageOne(
    manager: EntityManager,
    tenantId: string,
    finding: Finding,
    writeback: boolean,
  ): Promise<'SUPPRESSED' | 'RAISED' | null> {
    let decision;
    let enrichment: Record<string, unknown>;
    let fingerprint: Record<string, unknown>;
    try {
      const view = triageFindingOf(finding);
      const result = await this.enrichment.run(tenantId, view);
      enrichment = { ...result.enrichment, ...(result.errors.length ? { errors: result.errors } : {}) };
      const features = fingerprintOf(view, result.enrichment);
      fingerprint = features;
      const match = await this.matcher.match(manager, tenantId, {
        findingType: finding.findingType,
        severityLabel: finding.severityLabel,
        fingerprint: features,
      });
      decision = decideVerdict(finding, match);
    } catch (error) {
      await this.recordFailure(manager, finding, error);
      return null;
    }
    const verdictAt = this.clock.now();
    if (writeback) {
      // Committed with the verdict (an outbox): sent later in batches, once per verdict.
      await manager
        .createQueryBuilder()
        .insert()
        .into(WritebackEntry)
        .values({
          tenantId,
          findingId: finding.id,
          verdictAt,
          awsAccountId: finding.awsAccountId,
          region: finding.region,
          productArn: finding.productArn,
          providerFindingId: finding.findingId,
          ...writebackOf(decision),
        })
        .orIgnore()
        .execute();
    }
    await manager.update(
      Finding,
      { id: finding.id },
      {
        // jsonb columns: TypeORM's update typing does not model free-form objects.
        enrichment: enrichment as never,
        fingerprint: fingerprint as never,
        verdict: decision.verdict as Finding['verdict'],
        verdictPriority: decision.priority,
        verdictExplanation: decision.explanation,
        verdictPatternId: decision.patternId,
        verdictPatternScope: decision.patternScope,
        verdictAt,
        triageStatus: TriageStatus.DONE,
        triageError: null,
      },
    );
    await this.hook?.afterVerdict(manager, tenantId, finding, decision);
    return decision.verdict;
  }

  /** A failed triage is retried later with backoff, and given up (DEAD, replayable) after a few attempts. */
  private async recordFailure(manager: EntityManager, finding: Finding, error: unknown): Promise<void> {
    const attempts = finding.triageAttempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Triage of finding ${finding.id} failed (attempt ${attempts}): ${message}`);
    await manager.update(
      Finding,
      { id: finding.id },
      {
        triageAttempts: attempts,
        triageError: message.slice(0, 2_000),
        triageStatus: attempts >= MAX_TRIAGE_ATTEMPTS ? TriageStatus.DEAD : TriageStatus.ERROR,
        triageRequestedAt: new Date(this.clock.now().getTime() + retryDelayMs(attempts)),
      },
    );
  }

  private async writebackEnabled(manager: EntityManager, tenantId: string): Promise<boolean> {
    const [row] = (await manager.query(`SELECT writeback_enabled FROM tenants WHERE id = $1`, [
      tenantId,
    ])) as {
      writeback_enabled: boolean;
    }[];
    return row?.writeback_enabled ?? false;
  }

  /**
   * Tenants with findings due for triage, for the sweeper that re-wakes what Redis lost. Asks each
   * tenant in its own unit of work (row-level security shows no tenant another's findings).
   */
  async dueWork(tenantIds: readonly string[]): Promise<{ tenantId: string; maxSeverity: number }[]> {
    const now = this.clock.now();
    const due: { tenantId: string; maxSeverity: number }[] = [];
    for (const tenantId of tenantIds) {
      const work = await this.uow.withTenant(tenantId, (m) => this.due(m, tenantId, now));
      if (work.count > 0 && work.maxSeverity !== null) due.push({ tenantId, maxSeverity: work.maxSeverity });
    }
    return due;
  }

  private async due(
    manager: EntityManager,
    tenantId: string,
    now: Date,
  ): Promise<{ count: number; maxSeverity: number | null }> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS count, max(severity_normalized)::int AS "maxSeverity" FROM findings
       WHERE tenant_id = $1 AND triage_status IN ('PENDING', 'ERROR') AND triage_requested_at <= $2`,
      [tenantId, now],
    )) as [{ count: number; maxSeverity: number | null }];
    return row;
  }
}
