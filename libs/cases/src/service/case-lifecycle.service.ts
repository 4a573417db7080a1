import { Injectable } from '@nestjs/common';
import { Access, ErrorCode, type Principal, SieveException } from '@sieve/core';
import { CaseEventType } from '../model/case-event-type.js';
import { acknowledges, assertTransition, isReopen } from '../model/case-lifecycle.js';
import { type CaseDisposition, CaseStatus } from '../model/case-status.js';
import type { Case } from '../model/case.entity.js';
import type { CaseView } from '../query/case-views.js';
import { type CaseChangeContext, type CaseChangeOutcome, CaseWriter } from './case-writer.js';

export interface ResolveCaseCommand {
  disposition: CaseDisposition;
  summary: string;
  /** Ask the knowledge base to learn a known-good pattern from the case (benign dispositions). */
  learn: boolean;
}

const MAX_SUMMARY = 10_000;

/**
 * Status changes. Every one is checked against the transition table (INVALID_CASE_TRANSITION otherwise)
 * and recorded as STATUS_CHANGED { from, to }, with RESOLVED or REOPENED next to it when that is what it
 * was; the first acknowledging status stamps `acknowledged_at`.
 */
@Injectable()
export class CaseLifecycleService {
  constructor(private readonly writer: CaseWriter) {}

  acknowledge(principal: Principal, caseId: string): Promise<CaseView> {
    return this.transition(principal, caseId, CaseStatus.ACKNOWLEDGED);
  }

  /** Any allowed change but resolving, which needs a disposition and a summary (`resolve`). */
  transition(principal: Principal, caseId: string, to: CaseStatus): Promise<CaseView> {
    if (to === CaseStatus.RESOLVED) {
      throw new SieveException(
        ErrorCode.BadUserInput,
        'Resolving a case needs a disposition and a summary: use resolveCase',
      );
    }
    return this.writer.change(principal, caseId, Access.Write, async (ctx) => statusChange(ctx, to));
  }

  resolve(principal: Principal, caseId: string, command: ResolveCaseCommand): Promise<CaseView> {
    const summary = command.summary.trim();
    if (!summary || summary.length > MAX_SUMMARY) {
      throw new SieveException(
        ErrorCode.BadUserInput,
        `A resolution summary of 1 to ${MAX_SUMMARY} characters is required`,
      );
    }
    return this.writer.change(principal, caseId, Access.Write, async (ctx) => {
      const outcome = statusChange(ctx, CaseStatus.RESOLVED);
      outcome.patch = {
        ...outcome.patch,
        disposition: command.disposition,
        resolutionSummary: summary,
        resolvedAt: ctx.now,
      };
      outcome.entries.push({
        type: CaseEventType.RESOLVED,
        data: { disposition: command.disposition, summary, learn: command.learn },
      });
      outcome.audit = {
        action: 'case.resolved',
        details: { disposition: command.disposition, learn: command.learn },
      };
      return outcome;
    });
  }

  reopen(principal: Principal, caseId: string): Promise<CaseView> {
    return this.writer.change(principal, caseId, Access.Write, async (ctx) => {
      if (!isReopen(ctx.kase.status, CaseStatus.INVESTIGATING)) {
        throw new SieveException(
          ErrorCode.InvalidCaseTransition,
          `Only a RESOLVED or CLOSED case can be reopened; ${ctx.key} is ${ctx.kase.status}`,
          { from: ctx.kase.status, to: CaseStatus.INVESTIGATING },
        );
      }
      return statusChange(ctx, CaseStatus.INVESTIGATING);
    });
  }
}

/** The patch, entries and audit record of moving the locked case to `to`. */
export function statusChange(ctx: CaseChangeContext, to: CaseStatus): CaseChangeOutcome {
  const { kase, now } = ctx;
  const from = kase.status;
  if (from === CaseStatus.CLOSED && kase.mergedIntoId) {
    throw new SieveException(
      ErrorCode.InvalidCaseTransition,
      `${ctx.key} was merged into another case and stays closed`,
      { from, to },
    );
  }
  assertTransition(from, to);
  const patch: Partial<Case> = { status: to };
  if (acknowledges(to) && !kase.acknowledgedAt) patch.acknowledgedAt = now;
  if (to === CaseStatus.CLOSED) patch.closedAt = now;
  const outcome: CaseChangeOutcome = {
    patch,
    entries: [{ type: CaseEventType.STATUS_CHANGED, data: { from, to } }],
    audit: { action: 'case.status_changed', details: { from, to } },
  };
  if (isReopen(from, to)) {
    Object.assign(patch, { disposition: null, resolutionSummary: null, resolvedAt: null, closedAt: null });
    outcome.entries.push({
      type: CaseEventType.REOPENED,
      data: { to, previousDisposition: kase.disposition },
    });
    outcome.audit = { action: 'case.reopened', details: { from, previousDisposition: kase.disposition } };
  }
  return outcome;
}
