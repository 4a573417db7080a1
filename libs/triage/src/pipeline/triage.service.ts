import { Injectable, Logger } from '@nestjs/common';
import { Clock, UnitOfWork } from '@sieve/core';
import { Finding, TriageStatus } from '@sieve/findings';
import { type Fingerprint, KnownGoodMatcher } from '@sieve/knowledge';
import type { EntityManager } from 'typeorm';
import { EnrichmentRunner } from '../enrichment/enrichment-runner.js';
import { fingerprintOf } from '../fingerprint/fingerprint.js';
import { triageFindingOf } from '../triage-finding.js';
import { claimDue, nextDue } from './triage-claims.js';
import { MAX_TRIAGE_ATTEMPTS, TRIAGE_BATCH_SIZE, retryDelayMs } from './triage-settings.js';
import { writebackOf } from '../writeback/writeback-note.js';
import { type VerdictDecision, decideVerdict } from './verdict-policy.js';
import { VerdictHooks } from './verdict.hook.js';

/** Findings of a batch enriched at the same time. */
const ENRICH_CONCURRENCY = 16;

interface Prepared {
  finding: Finding;
  enrichment: Record<string, unknown>;
  fingerprint: Record<string, unknown>;
}

interface Judged extends Prepared {
  decision: VerdictDecision;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return results;
}

export interface TriageBatchSummary {
  triaged: number;
  suppressed: number;
  raised: number;
  failed: number;
  /** Whether the tenant still has findings due now after this batch. */
  moreDue: boolean;
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
    private readonly hooks: VerdictHooks,
  ) {}

  triageNext(tenantId: string, limit = TRIAGE_BATCH_SIZE): Promise<TriageBatchSummary> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const now = this.clock.now();
      const due = await claimDue(manager, tenantId, now, limit);
      const summary: TriageBatchSummary = {
        triaged: 0,
        suppressed: 0,
        raised: 0,
        failed: 0,
        moreDue: false,
        remainingMaxSeverity: null,
      };
      const writeback = await this.writebackEnabled(manager, tenantId);
      // Enrichment may wait on Redis or AWS: the batch's findings are enriched side by side.
      const prepared = await mapConcurrently(due, ENRICH_CONCURRENCY, (f) => this.prepare(tenantId, f));
      const matcher = await this.matcher.forBatch(
        manager,
        tenantId,
        due.map((f) => f.findingType),
      );
      const verdictAt = this.clock.now();
      const judged: Judged[] = [];
      for (const item of prepared) {
        if ('error' in item) {
          await this.recordFailure(manager, item.finding, item.error);
          summary.failed++;
          continue;
        }
        const outcome = matcher.judge({
          findingType: item.finding.findingType,
          severityLabel: item.finding.severityLabel,
          fingerprint: item.fingerprint as Fingerprint,
        });
        judged.push({ ...item, decision: decideVerdict(item.finding, outcome) });
      }
      await this.store(manager, tenantId, judged, verdictAt, writeback);
      await matcher.commitHits();
      await this.hooks.afterVerdicts(manager, tenantId, judged);
      for (const j of judged) {
        if (j.decision.verdict === 'SUPPRESSED') summary.suppressed++;
        else summary.raised++;
      }
      summary.triaged = due.length;
      const next = await nextDue(manager, tenantId, now);
      summary.moreDue = next !== null;
      summary.remainingMaxSeverity = next?.maxSeverity ?? null;
      return summary;
    });
  }

  /** Enrichment and fingerprint of one finding; no database writes. */
  private async prepare(
    tenantId: string,
    finding: Finding,
  ): Promise<Prepared | { finding: Finding; error: unknown }> {
    try {
      const view = triageFindingOf(finding);
      const result = await this.enrichment.run(tenantId, view);
      return {
        finding,
        enrichment: { ...result.enrichment, ...(result.errors.length ? { errors: result.errors } : {}) },
        fingerprint: fingerprintOf(view, result.enrichment),
      };
    } catch (error) {
      return { finding, error };
    }
  }

  /** One statement for the verdicts of the batch and one for their writeback entries. */
  private async store(
    manager: EntityManager,
    tenantId: string,
    judged: readonly Judged[],
    verdictAt: Date,
    writeback: boolean,
  ): Promise<void> {
    if (judged.length === 0) return;
    // One JSON document rather than a jsonb[] parameter: array literals escape every quote of every element.
    await manager.query(
      `UPDATE findings f SET
         enrichment = v.enrichment, fingerprint = v.fingerprint, verdict = v.verdict,
         verdict_priority = v.priority, verdict_explanation = v.explanation,
         verdict_pattern_id = v.pattern_id, verdict_pattern_scope = v.pattern_scope,
         verdict_at = $2, triage_status = 'DONE', triage_error = NULL
       FROM jsonb_to_recordset($3::jsonb)
         AS v(id uuid, enrichment jsonb, fingerprint jsonb, verdict text, priority smallint, explanation text,
              pattern_id uuid, pattern_scope text)
       WHERE f.tenant_id = $1 AND f.id = v.id`,
      [
        tenantId,
        verdictAt,
        JSON.stringify(
          judged.map((j) => ({
            id: j.finding.id,
            enrichment: j.enrichment,
            fingerprint: j.fingerprint,
            verdict: j.decision.verdict,
            priority: j.decision.priority,
            explanation: j.decision.explanation,
            pattern_id: j.decision.patternId,
            pattern_scope: j.decision.patternScope,
          })),
        ),
      ],
    );
    if (!writeback) return;
    // Committed with the verdicts (an outbox): sent later in batches, once per verdict.
    const entries = judged.map((j) => ({ finding: j.finding, ...writebackOf(j.decision) }));
    await manager.query(
      `INSERT INTO writeback_outbox (tenant_id, finding_id, verdict_at, aws_account_id, region, product_arn,
         provider_finding_id, workflow_status, note)
       SELECT $1, e.finding_id, $2, e.account, e.region, e.product_arn, e.provider_id, e.status, e.note
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS e(finding_id, account, region, product_arn, provider_id, status, note)
       ON CONFLICT (finding_id, verdict_at) DO NOTHING`,
      [
        tenantId,
        verdictAt,
        entries.map((e) => e.finding.id),
        entries.map((e) => e.finding.awsAccountId),
        entries.map((e) => e.finding.region),
        entries.map((e) => e.finding.productArn),
        entries.map((e) => e.finding.findingId),
        entries.map((e) => e.workflowStatus),
        entries.map((e) => e.note),
      ],
    );
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
      const next = await this.uow.withTenant(tenantId, (m) => nextDue(m, tenantId, now));
      if (next) due.push({ tenantId, maxSeverity: next.maxSeverity });
    }
    return due;
  }
}
