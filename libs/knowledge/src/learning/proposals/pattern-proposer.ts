import { Injectable } from '@nestjs/common';
import { AuditService, Clock, type SystemActor, isUuid } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { reference } from '../../management/known-good-patterns.service.js';
import { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { renderPattern } from '../../patterns/pattern-rendering.js';
import type { PatternDefinition } from '../../patterns/pattern-schema.js';
import { PatternStatus } from '../../patterns/pattern-status.js';
import { generaliseCase } from '../generalise/generalise-case.js';
import type { LearningDisposition, LearningFinding } from '../generalise/learning-finding.js';
import { LearningWakeups } from '../learning-wakeups.js';
import { PatternProposal } from './pattern-proposal.entity.js';

import { ProposalState } from './proposal-state.js';

export const LEARNING_ACTOR: SystemActor = { kind: 'system', name: 'pattern-learning' };

/** A resolved case, as the case domain hands it over for learning. */
export interface CaseLearningInput {
  tenantId: string;
  caseId: string;
  /** ACME-42 */
  caseKey: string;
  disposition: LearningDisposition;
  summary: string;
  /** The analyst who resolved it (provenance), when a person did. */
  analystId: string | null;
  findings: readonly LearningFinding[];
}

export interface ProposedPattern {
  patternId: string;
  reference: string;
  findingType: string;
  rendering: string;
  findingCount: number;
}

export interface NotLearnt {
  findingType: string;
  reason: string;
  findingCount: number;
}

export interface LearningOutcome {
  proposed: ProposedPattern[];
  notLearnt: NotLearnt[];
}

export interface WithdrawnPattern {
  patternId: string;
  reference: string;
}

/**
 * The in-transaction half of the loop: when a case is resolved benign with `learn`, its findings are
 * generalised into PROPOSED patterns (one per finding type) with their provenance and support, in the
 * resolve transaction, so the proposal commits or rolls back with the resolution. The backtest, which may
 * read a month of the tenant's findings, is not done here: the learning job is woken once the transaction
 * commits (and the sweeper finds the proposal if that wake-up is lost).
 */
@Injectable()
export class PatternProposer {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly wakeups: LearningWakeups,
  ) {}

  async proposeFromCase(manager: EntityManager, input: CaseLearningInput): Promise<LearningOutcome> {
    const outcome: LearningOutcome = { proposed: [], notLearnt: [] };
    const lesson = { caseKey: input.caseKey, summary: input.summary, disposition: input.disposition };
    for (const generalisation of generaliseCase(lesson, input.findings)) {
      const findingCount = generalisation.findingIds.length;
      if (generalisation.kind === 'NOT_LEARNT') {
        outcome.notLearnt.push({
          findingType: generalisation.findingType,
          reason: generalisation.reason,
          findingCount,
        });
        continue;
      }
      const twin = await this.identical(manager, input.tenantId, generalisation.definition);
      if (twin) {
        outcome.notLearnt.push({
          findingType: generalisation.findingType,
          reason: `the same pattern exists already: ${reference(twin)} (${twin.status})`,
          findingCount,
        });
        continue;
      }
      outcome.proposed.push(await this.propose(manager, input, generalisation.definition, findingCount));
    }
    if (outcome.proposed.length > 0) this.wakeups.wakeAfterCommit(manager, input.tenantId);
    return outcome;
  }

  /**
   * A reopened case withdraws what it proposed and was not activated yet (retired, kept for history); an
   * active pattern stays, and a later TRUE_POSITIVE resolution would contradict it.
   */
  async withdrawCase(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    caseKey: string,
  ): Promise<WithdrawnPattern[]> {
    const [rows] = (await manager.query(
      `UPDATE known_good_patterns p
       SET status = 'RETIRED', retired_at = $4, updated_at = $4, retired_reason = $3
       FROM pattern_proposals pp
       WHERE pp.tenant_id = $1 AND pp.case_id = $2 AND p.id = pp.pattern_id AND p.tenant_id = $1
         AND p.status = 'PROPOSED'
       RETURNING p.id, p.seq`,
      [tenantId, caseId, `source case ${caseKey} was reopened`, this.clock.now()],
    )) as [{ id: string; seq: number }[], number];
    if (rows.length === 0) return [];
    await manager.query(
      `UPDATE pattern_proposals SET state = $3
       WHERE tenant_id = $1 AND pattern_id = ANY($2::uuid[]) AND state = $4`,
      [tenantId, rows.map((r) => r.id), ProposalState.SKIPPED, ProposalState.PENDING],
    );
    for (const row of rows) {
      await this.audit.record(LEARNING_ACTOR, {
        action: 'pattern.withdrawn',
        targetType: 'known_good_pattern',
        targetId: row.id,
        details: { reference: reference(row), caseId, caseKey },
      });
    }
    return rows.map((r) => ({ patternId: r.id, reference: reference(r) }));
  }

  private async identical(
    manager: EntityManager,
    tenantId: string,
    definition: PatternDefinition,
  ): Promise<{ seq: number; status: string } | undefined> {
    const rows = (await manager.query(
      `SELECT seq, status FROM known_good_patterns
       WHERE tenant_id = $1 AND finding_type = $2 AND status IN ('PROPOSED', 'ACTIVE') AND predicates = $3::jsonb
       ORDER BY seq LIMIT 1`,
      [tenantId, definition.findingType, JSON.stringify(definition.predicates)],
    )) as { seq: number; status: string }[];
    return rows[0];
  }

  private async propose(
    manager: EntityManager,
    input: CaseLearningInput,
    definition: PatternDefinition,
    findingCount: number,
  ): Promise<ProposedPattern> {
    const { id } = await manager.save(
      manager.create(KnownGoodPattern, {
        tenantId: input.tenantId,
        name: definition.name,
        description: definition.description,
        findingType: definition.findingType,
        predicates: definition.predicates,
        allowCritical: definition.allowCritical,
        confidence: definition.confidence,
        support: definition.support ?? null,
        expiresAt: null,
        status: PatternStatus.PROPOSED,
        sourceCaseId: input.caseId,
        sourceAnalystId: input.analystId && isUuid(input.analystId) ? input.analystId : null,
        createdBy: LEARNING_ACTOR.name,
      }),
    );
    const pattern = await manager.findOneByOrFail(KnownGoodPattern, { id, tenantId: input.tenantId });
    await manager.insert(PatternProposal, {
      patternId: id,
      tenantId: input.tenantId,
      caseId: input.caseId,
      caseKey: input.caseKey,
      disposition: input.disposition,
      findingCount,
      state: ProposalState.PENDING,
    });
    const rendering = renderPattern(pattern);
    await this.audit.record(LEARNING_ACTOR, {
      action: 'pattern.proposed',
      targetType: 'known_good_pattern',
      targetId: id,
      details: {
        reference: reference(pattern),
        name: pattern.name,
        rendering,
        caseId: input.caseId,
        caseKey: input.caseKey,
        analystId: input.analystId,
      },
    });
    return {
      patternId: id,
      reference: reference(pattern),
      findingType: pattern.findingType,
      rendering,
      findingCount,
    };
  }
}
