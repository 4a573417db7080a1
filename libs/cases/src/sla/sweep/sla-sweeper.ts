import { Injectable, Logger } from '@nestjs/common';
import { Clock, type SystemActor, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { CaseTimeline } from '../../events/case-timeline.js';
import type { SlaAlarm } from '../clock/sla-evaluation.js';
import { type SlaClockEvaluation, SlaService } from '../sla.service.js';

/** Who appends SLA_WARNING and SLA_BREACHED entries. */
export const SLA_ACTOR: SystemActor = { kind: 'system', name: 'sla' };

/** Cases one sweep looks at per tenant, so that one tenant's backlog does not hold the others back. */
const CASES_PER_TENANT = 500;

export interface SlaSweepSummary {
  tenants: number;
  checked: number;
  warnings: number;
  breaches: number;
  failed: number;
}

function alarmEntry(alarm: SlaAlarm<SlaClockEvaluation>) {
  const { clock } = alarm;
  return {
    type: alarm.type,
    data: {
      clock: clock.kind,
      cycle: clock.cycle,
      severity: clock.severity,
      budgetMinutes: clock.budgetMinutes,
      warningAt: clock.warningAt?.toISOString() ?? null,
      dueAt: clock.dueAt?.toISOString() ?? null,
      // Set when the clock stopped after its deadline before a sweep saw it pass.
      stoppedAt: clock.stoppedAt?.toISOString() ?? null,
    },
  };
}

/**
 * Raises SLA warnings and breaches. A case whose `sla_next_check_at` has come is claimed with
 * FOR UPDATE SKIP LOCKED (two workers never handle one case at once; a case being changed is left for the
 * next sweep), re-evaluated from its timeline, and its due alarms are appended in the same transaction as
 * the clocks that record them. The timeline is the record of which alarms a clock raised, so a re-run,
 * after a crash or by a second worker, finds nothing more to raise: each alarm is appended once per clock.
 */
@Injectable()
export class SlaSweeper {
  private readonly logger = new Logger(SlaSweeper.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sla: SlaService,
    private readonly timeline: CaseTimeline,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SlaSweepSummary> {
    const tenantIds = await this.uow.withPlatform(async (manager) =>
      ((await manager.query(`SELECT id FROM tenants ORDER BY id`)) as { id: string }[]).map((t) => t.id),
    );
    const summary: SlaSweepSummary = {
      tenants: tenantIds.length,
      checked: 0,
      warnings: 0,
      breaches: 0,
      failed: 0,
    };
    for (const tenantId of tenantIds) await this.sweepTenant(tenantId, summary);
    return summary;
  }

  /** One transaction per case: a case that fails is left for the next sweep and holds no other back. */
  async sweepTenant(tenantId: string, summary: SlaSweepSummary): Promise<void> {
    const tried: string[] = [];
    while (tried.length < CASES_PER_TENANT) {
      // Set once a case is claimed, so that a failure is pinned on it and the loop moves past it.
      const claimed: { caseId?: string } = {};
      try {
        const alarms = await this.uow.withTenant(tenantId, async (manager) => {
          claimed.caseId = (await this.claimDue(manager, tenantId, tried)) ?? undefined;
          return claimed.caseId ? this.check(manager, tenantId, claimed.caseId) : null;
        });
        if (!alarms) return;
        summary.checked++;
        summary.warnings += alarms.filter((a) => a.type === 'SLA_WARNING').length;
        summary.breaches += alarms.filter((a) => a.type === 'SLA_BREACHED').length;
      } catch (error) {
        if (!claimed.caseId) throw error;
        summary.failed++;
        this.logger.error(
          `SLA check of case ${claimed.caseId} (tenant ${tenantId}) failed: ${String(error)}`,
        );
      }
      tried.push(claimed.caseId!);
    }
  }

  private async claimDue(manager: EntityManager, tenantId: string, tried: string[]): Promise<string | null> {
    const [due] = (await manager.query(
      `SELECT id FROM cases
       WHERE tenant_id = $1 AND sla_next_check_at <= $2 AND NOT (id = ANY($3::uuid[]))
       ORDER BY sla_next_check_at LIMIT 1
       FOR UPDATE SKIP LOCKED`,
      [tenantId, this.clock.now(), tried],
    )) as { id: string }[];
    return due?.id ?? null;
  }

  private async check(manager: EntityManager, tenantId: string, caseId: string): Promise<SlaAlarm[]> {
    const evaluation = await this.sla.evaluate(manager, tenantId, caseId);
    if (evaluation.alarms.length === 0) {
      await this.sla.write(manager, evaluation);
      return [];
    }
    // The SLA service hears these entries as a case change and records them on the clocks.
    await this.timeline.append(manager, {
      tenantId,
      caseId,
      actor: SLA_ACTOR,
      entries: evaluation.alarms.map((alarm) => ({ ...alarmEntry(alarm), at: evaluation.now })),
    });
    return evaluation.alarms;
  }
}
