import { Injectable } from '@nestjs/common';
import { AuditService, Clock, type SystemActor } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { AfterCommit } from '../learning/after-commit.js';
import { reference } from '../management/known-good-patterns.service.js';
import { PatternChangeBus } from '../matching/pattern-change-bus.js';
import { readTenantVersion } from '../matching/pattern-loader.js';
import { allHold, type Fingerprint, type Predicate } from '../patterns/predicate.js';
import { TruePositiveFinding } from './true-positive-finding.entity.js';

export const FEEDBACK_ACTOR: SystemActor = { kind: 'system', name: 'pattern-feedback' };

/** A finding of a case resolved TRUE_POSITIVE, as the case domain hands it over. */
export interface TruePositiveInput {
  id: string;
  findingType: string;
  fingerprint: Fingerprint | null;
  verdictPatternId: string | null;
  verdictPatternScope: 'TENANT' | 'GLOBAL' | null;
}

/** A tenant pattern retired because a true positive contradicted it. */
export interface ContradictedPattern {
  patternId: string;
  reference: string;
  name: string;
  /** The case's true positives it matched (or had suppressed). */
  findingIds: string[];
}

/** A pattern contradicted by a true positive: the one whose verdict the finding carried, or one retired. */
export interface PatternContradiction {
  patternId: string;
  scope: 'TENANT' | 'GLOBAL';
  tenantId: string;
  findingId: string;
  markedAt: Date;
}

interface ActivePatternRow {
  id: string;
  seq: number;
  name: string;
  finding_type: string;
  predicates: Predicate[];
}

/**
 * The true-positive feedback port. The case domain reports the findings of a case resolved TRUE_POSITIVE
 * (and withdraws them when the case is reopened); backtests refuse patterns that match them, the pooling
 * job retires global patterns they contradict, and any ACTIVE tenant pattern that matches one, or whose
 * verdict one carried, is retired at once (not merely flagged: it describes an attack as expected
 * behaviour, and its novelty vetoes would not fire twice for the same attacker), audited, with the reason.
 */
@Injectable()
export class PatternFeedback {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly bus: PatternChangeBus,
    private readonly afterCommit: AfterCommit,
  ) {}

  /** In the resolve transaction: records the case's true positives and retires what they contradict. */
  async recordTruePositives(
    manager: EntityManager,
    input: { tenantId: string; caseId: string; caseKey: string; findings: readonly TruePositiveInput[] },
  ): Promise<ContradictedPattern[]> {
    const { tenantId, caseId, caseKey, findings } = input;
    if (findings.length === 0) return [];
    const now = this.clock.now();
    const contradicted = await this.contradicted(manager, tenantId, findings);
    const retiredBy = new Map<string, string[]>();
    for (const pattern of contradicted) {
      for (const findingId of pattern.findingIds)
        retiredBy.set(findingId, [...(retiredBy.get(findingId) ?? []), pattern.patternId]);
    }
    await manager.query(
      `INSERT INTO true_positive_findings (case_id, finding_id, tenant_id, finding_type, fingerprint, verdict_pattern_id,
         verdict_pattern_scope, retired_pattern_ids, marked_at)
       SELECT $1, t.finding_id, $2, t.finding_type, t.fingerprint, t.verdict_pattern_id, t.verdict_pattern_scope,
              t.retired_pattern_ids, $3
       FROM jsonb_to_recordset($4::jsonb) AS t(finding_id uuid, finding_type text, fingerprint jsonb,
         verdict_pattern_id uuid, verdict_pattern_scope text, retired_pattern_ids uuid[])
       ON CONFLICT (case_id, finding_id) DO NOTHING`,
      [
        caseId,
        tenantId,
        now,
        JSON.stringify(
          findings.map((f) => ({
            finding_id: f.id,
            finding_type: f.findingType,
            fingerprint: f.fingerprint ?? {},
            verdict_pattern_id: f.verdictPatternId,
            verdict_pattern_scope: f.verdictPatternId ? f.verdictPatternScope : null,
            retired_pattern_ids: retiredBy.get(f.id) ?? [],
          })),
        ),
      ],
    );
    if (contradicted.length === 0) return [];
    await this.retire(manager, tenantId, caseId, caseKey, contradicted, now);
    const version = await readTenantVersion(manager, tenantId);
    this.afterCommit.defer(manager, () => this.bus.publish({ scope: 'TENANT', tenantId, version }));
    return contradicted;
  }

  /** A reopened case is no longer a verdict: its true positives are withdrawn (retired patterns stay retired). */
  async withdrawCase(manager: EntityManager, tenantId: string, caseId: string): Promise<number> {
    const [, count] = (await manager.query(
      `DELETE FROM true_positive_findings WHERE tenant_id = $1 AND case_id = $2`,
      [tenantId, caseId],
    )) as [unknown, number];
    return count;
  }

  /** Whether the finding belongs to a case resolved TRUE_POSITIVE (the tenant's unit of work). */
  async isTruePositive(manager: EntityManager, tenantId: string, findingId: string): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM true_positive_findings WHERE tenant_id = $1 AND finding_id = $2 LIMIT 1`,
      [tenantId, findingId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** True positives marked since `since`, with their fingerprints (platform scope: every tenant's). */
  truePositivesSince(manager: EntityManager, since: Date): Promise<TruePositiveFinding[]> {
    return manager
      .createQueryBuilder(TruePositiveFinding, 't')
      .where('t.marked_at >= :since', { since })
      .orderBy('t.marked_at', 'ASC')
      .getMany();
  }

  /**
   * Which patterns true positives contradicted since `since`: those whose verdict a true positive carried
   * (tenant or global) and the tenant patterns it retired. Global patterns that merely match a true
   * positive's fingerprint are the pooling job's to find (`truePositivesSince`).
   */
  async contradictedSince(manager: EntityManager, since: Date): Promise<PatternContradiction[]> {
    const rows = (await manager.query(
      `SELECT t.verdict_pattern_id AS pattern_id, t.verdict_pattern_scope AS scope, t.tenant_id, t.finding_id, t.marked_at
       FROM true_positive_findings t WHERE t.marked_at >= $1 AND t.verdict_pattern_id IS NOT NULL
       UNION
       SELECT r.id, 'TENANT', t.tenant_id, t.finding_id, t.marked_at
       FROM true_positive_findings t CROSS JOIN LATERAL unnest(t.retired_pattern_ids) AS r(id)
       WHERE t.marked_at >= $1
       ORDER BY marked_at, pattern_id`,
      [since],
    )) as {
      pattern_id: string;
      scope: 'TENANT' | 'GLOBAL';
      tenant_id: string;
      finding_id: string;
      marked_at: Date;
    }[];
    return rows.map((r) => ({
      patternId: r.pattern_id,
      scope: r.scope,
      tenantId: r.tenant_id,
      findingId: r.finding_id,
      markedAt: r.marked_at,
    }));
  }

  /** ACTIVE tenant patterns a true positive matches (by predicates), or whose suppression it carried. */
  private async contradicted(
    manager: EntityManager,
    tenantId: string,
    findings: readonly TruePositiveInput[],
  ): Promise<ContradictedPattern[]> {
    const types = [...new Set(findings.map((f) => f.findingType))];
    const suppressedBy = findings
      .filter((f) => f.verdictPatternId && f.verdictPatternScope === 'TENANT')
      .map((f) => f.verdictPatternId as string);
    const patterns = (await manager.query(
      `SELECT id, seq, name, finding_type, predicates FROM known_good_patterns
       WHERE tenant_id = $1 AND status = 'ACTIVE' AND (finding_type = ANY($2::text[]) OR id = ANY($3::uuid[]))
       ORDER BY seq`,
      [tenantId, types, suppressedBy],
    )) as ActivePatternRow[];
    const found: ContradictedPattern[] = [];
    for (const pattern of patterns) {
      const findingIds = findings
        .filter(
          (f) =>
            (f.verdictPatternScope === 'TENANT' && f.verdictPatternId === pattern.id) ||
            (f.findingType === pattern.finding_type &&
              f.fingerprint !== null &&
              allHold(pattern.predicates, f.fingerprint)),
        )
        .map((f) => f.id);
      if (findingIds.length) {
        found.push({ patternId: pattern.id, reference: reference(pattern), name: pattern.name, findingIds });
      }
    }
    return found;
  }

  private async retire(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    caseKey: string,
    patterns: readonly ContradictedPattern[],
    now: Date,
  ): Promise<void> {
    const reason = `contradicted by a TRUE_POSITIVE finding of ${caseKey}`;
    await manager.query(
      `UPDATE known_good_patterns SET status = 'RETIRED', retired_at = $3, updated_at = $3, retired_reason = $4
       WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'ACTIVE'`,
      [tenantId, patterns.map((p) => p.patternId), now, reason],
    );
    for (const pattern of patterns) {
      await this.audit.record(FEEDBACK_ACTOR, {
        action: 'pattern.contradicted',
        targetType: 'known_good_pattern',
        targetId: pattern.patternId,
        details: {
          reference: pattern.reference,
          name: pattern.name,
          reason,
          caseId,
          caseKey,
          findingIds: pattern.findingIds,
        },
      });
    }
  }
}
