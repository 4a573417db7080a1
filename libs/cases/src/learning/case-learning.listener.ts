import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LEARNING_ACTOR, PatternFeedback, PatternProposer, isLearningDisposition } from '@sieve/knowledge';
import type { EntityManager } from 'typeorm';
import {
  type CaseChange,
  CaseChangeListener,
  CaseChangeListeners,
  type CaseTimelineEntry,
} from '../events/case-change.js';
import { CaseTimeline, type TimelineEntryInput } from '../events/case-timeline.js';
import { CaseEventType } from '../model/case-event-type.js';
import { CaseDisposition } from '../model/case-status.js';
import { caseLearningFindings, keyOfCase } from './case-learning-findings.js';
import { CaseLearningEventType } from './learning-event-type.js';

/**
 * The case side of the closed loop, in the resolve transaction (a rolled-back resolution teaches nothing):
 * - RESOLVED BENIGN_EXPECTED / FALSE_POSITIVE with `learn`: the case's findings are generalised into
 *   PROPOSED patterns, one per finding type; their backtest (and activation, by the tenant's policy) is the
 *   learning job's, woken once the resolution commits;
 * - RESOLVED TRUE_POSITIVE: the case's findings are reported as true positives, which retires the active
 *   patterns they contradict;
 * - REOPENED: the case's pending proposals and its true positives are withdrawn.
 * Each outcome is written to the case's timeline, so the analyst sees what the resolution taught.
 */
@Injectable()
export class CaseLearningListener extends CaseChangeListener implements OnModuleInit {
  constructor(
    private readonly listeners: CaseChangeListeners,
    private readonly timeline: CaseTimeline,
    private readonly proposer: PatternProposer,
    private readonly feedback: PatternFeedback,
  ) {
    super();
  }

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onCaseChanged(manager: EntityManager, change: CaseChange): Promise<void> {
    for (const entry of change.entries) {
      if (entry.type === CaseEventType.RESOLVED) await this.resolved(manager, change, entry);
      else if (entry.type === CaseEventType.REOPENED) await this.reopened(manager, change);
    }
  }

  private async resolved(
    manager: EntityManager,
    change: CaseChange,
    entry: CaseTimelineEntry,
  ): Promise<void> {
    const { disposition, learn, summary } = entry.data;
    const { tenantId, caseId } = change;
    if (disposition === CaseDisposition.TRUE_POSITIVE) {
      const findings = await caseLearningFindings(manager, tenantId, caseId);
      const caseKey = await keyOfCase(manager, tenantId, caseId);
      const contradicted = await this.feedback.recordTruePositives(manager, {
        tenantId,
        caseId,
        caseKey,
        findings,
      });
      await this.append(
        manager,
        change,
        contradicted.map(({ patternId, reference, name, findingIds }) => ({
          type: CaseLearningEventType.PATTERN_CONTRADICTED,
          data: { patternId, reference, name, findingIds },
        })),
      );
      return;
    }
    if (learn !== true || !isLearningDisposition(disposition)) return;
    const outcome = await this.proposer.proposeFromCase(manager, {
      tenantId,
      caseId,
      caseKey: await keyOfCase(manager, tenantId, caseId),
      disposition,
      summary: typeof summary === 'string' ? summary : '',
      analystId: entry.actorType === 'USER' ? entry.actorId : null,
      findings: await caseLearningFindings(manager, tenantId, caseId),
    });
    await this.append(manager, change, [
      ...outcome.proposed.map((p) => ({ type: CaseLearningEventType.PATTERN_PROPOSED, data: { ...p } })),
      ...outcome.notLearnt.map((n) => ({ type: CaseLearningEventType.PATTERN_NOT_LEARNT, data: { ...n } })),
    ]);
  }

  private async reopened(manager: EntityManager, change: CaseChange): Promise<void> {
    const { tenantId, caseId } = change;
    await this.feedback.withdrawCase(manager, tenantId, caseId);
    const withdrawn = await this.proposer.withdrawCase(
      manager,
      tenantId,
      caseId,
      await keyOfCase(manager, tenantId, caseId),
    );
    await this.append(
      manager,
      change,
      withdrawn.map((w) => ({ type: CaseLearningEventType.PATTERN_WITHDRAWN, data: { ...w } })),
    );
  }

  private async append(
    manager: EntityManager,
    change: CaseChange,
    entries: TimelineEntryInput[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await this.timeline.append(manager, {
      tenantId: change.tenantId,
      caseId: change.caseId,
      actor: LEARNING_ACTOR,
      entries,
    });
  }
}
