import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { type CaseChange, CaseChangeListener, CaseChangeListeners } from '../events/case-change.js';
import type { SeverityLabel } from '../model/severity.js';
import { CaseSlaClock } from './clock/case-sla-clock.entity.js';
import { SlaClockKind } from './clock/sla-clock-kind.js';
import {
  type CaseSlaSnapshot,
  type EvaluatedClock,
  type SlaAlarm,
  dueAlarms,
  evaluateClock,
  summarizeCase,
} from './clock/sla-evaluation.js';
import { SLA_RELEVANT_TYPES, type SlaTimelineEntry, deriveClocks } from './clock/sla-timeline.js';
import { calendarOf, targetFor } from './policy/effective-sla-policy.js';
import { SlaPolicyStore } from './policy/sla-policy-store.js';

/** A case's SLA at one instant: its clocks, what `cases` stores of them, and the alarms due. */
export interface CaseSlaEvaluation {
  tenantId: string;
  caseId: string;
  now: Date;
  clocks: SlaClockEvaluation[];
  /** Null for a case without a CREATED entry (no clock has started). */
  snapshot: CaseSlaSnapshot | null;
  alarms: SlaAlarm<SlaClockEvaluation>[];
}

/** A clock with the severity its budget came from. */
export type SlaClockEvaluation = EvaluatedClock & { severity: SeverityLabel };

const keyOf = (kind: string, cycle: number): string => `${kind}#${cycle}`;

/**
 * Keeps a case's SLA current: told of every case change inside its transaction, it replays the SLA-
 * relevant part of the timeline with the tenant's policy and calendar and writes the clocks and the
 * `sla_*` columns of the case, so they commit or roll back with the change.
 */
@Injectable()
export class SlaService extends CaseChangeListener implements OnModuleInit {
  constructor(
    private readonly listeners: CaseChangeListeners,
    private readonly policies: SlaPolicyStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onCaseChanged(manager: EntityManager, change: CaseChange): Promise<void> {
    // Comments, findings, tags... move no clock: skip the replay on the triage hot path.
    if (!change.entries.some((e) => SLA_RELEVANT_TYPES.includes(e.type))) return;
    await this.write(manager, await this.evaluate(manager, change.tenantId, change.caseId));
  }

  /** Reads and measures a case's clocks at the injected clock's now; writes nothing. */
  async evaluate(manager: EntityManager, tenantId: string, caseId: string): Promise<CaseSlaEvaluation> {
    const now = this.clock.now();
    const [found] = (await manager.query(
      `SELECT severity_label FROM cases WHERE id = $1 AND tenant_id = $2`,
      [caseId, tenantId],
    )) as { severity_label: SeverityLabel }[];
    if (!found) throw new Error(`Case ${caseId} of tenant ${tenantId} not found for its SLA`);
    const severity = found.severity_label;
    const entries = (await manager.query(
      `SELECT type, at, data FROM case_events
       WHERE case_id = $1 AND tenant_id = $2 AND type = ANY($3) ORDER BY at, seq`,
      [caseId, tenantId, SLA_RELEVANT_TYPES],
    )) as SlaTimelineEntry[];
    const derived = deriveClocks(entries);
    if (derived.length === 0) return { tenantId, caseId, now, clocks: [], snapshot: null, alarms: [] };

    const policy = await this.policies.load(manager, tenantId);
    const target = targetFor(policy, severity);
    const calendar = calendarOf(policy);
    const persisted = new Map(
      (await manager.findBy(CaseSlaClock, { caseId, tenantId })).map((row) => [
        keyOf(row.clock, row.cycle),
        row,
      ]),
    );
    const clocks = derived.map((clock) => {
      const row = persisted.get(keyOf(clock.kind, clock.cycle));
      const frozen =
        row?.stoppedAt && row.elapsedMs !== null
          ? {
              stoppedAt: row.stoppedAt,
              budgetMinutes: row.budgetMinutes,
              elapsedMs: row.elapsedMs,
              warningAt: row.warningAt,
              dueAt: row.dueAt,
            }
          : null;
      const evaluated = evaluateClock(clock, {
        budgetMinutes: clock.kind === SlaClockKind.ACK ? target.ackMinutes : target.resolveMinutes,
        calendar,
        now,
        frozen,
      });
      // A clock keeps the severity its outcome was decided with, like its budget.
      const kept = frozen && clock.stoppedAt?.getTime() === frozen.stoppedAt.getTime();
      return { ...evaluated, severity: kept ? row!.severityLabel : severity };
    });
    return {
      tenantId,
      caseId,
      now,
      clocks,
      snapshot: summarizeCase(clocks, now),
      alarms: dueAlarms(clocks, now),
    };
  }

  /** Stores an evaluation: the clock rows and the case's `sla_*` columns. */
  async write(manager: EntityManager, evaluation: CaseSlaEvaluation): Promise<void> {
    const { tenantId, caseId, now, snapshot } = evaluation;
    if (!snapshot) {
      // Nothing to watch until the case has a CREATED entry; do not let the sweeper spin on it.
      await manager.query(`UPDATE cases SET sla_next_check_at = NULL WHERE id = $1 AND tenant_id = $2`, [
        caseId,
        tenantId,
      ]);
      return;
    }
    await manager.upsert(
      CaseSlaClock,
      evaluation.clocks.map((clock) => ({
        caseId,
        clock: clock.kind,
        cycle: clock.cycle,
        tenantId,
        severityLabel: clock.severity,
        budgetMinutes: clock.budgetMinutes,
        startedAt: clock.startedAt,
        warningAt: clock.warningAt,
        dueAt: clock.dueAt,
        stoppedAt: clock.stoppedAt,
        elapsedMs: clock.stoppedAt ? clock.elapsedMs : null,
        assigneeId: clock.assigneeAtStop,
        met: clock.met,
        warnedAt: clock.warnedAt,
        breachRaisedAt: clock.breachRaisedAt,
        updatedAt: now,
      })),
      { conflictPaths: ['caseId', 'clock', 'cycle'] },
    );
    await manager.query(
      `UPDATE cases SET sla_ack_due_at = $3, sla_resolve_due_at = $4, sla_due_at = $5, sla_state = $6,
                        sla_next_check_at = $7
       WHERE id = $1 AND tenant_id = $2`,
      [
        caseId,
        tenantId,
        snapshot.ackDueAt,
        snapshot.resolveDueAt,
        snapshot.dueAt,
        snapshot.state,
        snapshot.nextCheckAt,
      ],
    );
  }
}
