import { Injectable } from '@nestjs/common';
import { type Actor, AuditService, Clock, ErrorCode, SieveException, UnitOfWork, actorOf } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { businessHoursProblem } from '../calendar/business-hours-calendar.js';
import type { SeverityLabel } from '../../model/severity.js';
import { openCaseSql } from '../../model/case-status.js';
import type { EffectiveSlaPolicy } from './effective-sla-policy.js';
import type { SlaCalendarCommand } from './sla-calendar-input.js';
import { SlaCalendarSetting } from './sla-calendar-setting.entity.js';
import { SlaPolicyOverride } from './sla-policy-override.entity.js';
import { SlaPolicyStore } from './sla-policy-store.js';
import { type SlaTarget, slaTargetProblem } from './sla-target.js';

const invalid = (message: string): SieveException => new SieveException(ErrorCode.BadUserInput, message);

/**
 * Reading and changing a tenant's SLA policy. Every change is audited and applies to the tenant's open
 * cases within one sweep: their next SLA check is brought forward to now, and the sweeper re-evaluates
 * them with the new policy. Clocks that already stopped keep the outcome they had.
 */
@Injectable()
export class SlaPoliciesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: SlaPolicyStore,
  ) {}

  get(tenantId: string): Promise<EffectiveSlaPolicy> {
    return this.uow.withTenant(tenantId, (manager) => this.store.load(manager, tenantId));
  }

  async setTarget(
    actor: Actor,
    tenantId: string,
    severity: SeverityLabel,
    target: SlaTarget,
  ): Promise<EffectiveSlaPolicy> {
    const problem = slaTargetProblem(target);
    if (problem) throw invalid(problem);
    return this.change(actor, tenantId, 'sla.policy.set', { severity, ...target }, async (manager) => {
      await manager.upsert(
        SlaPolicyOverride,
        {
          tenantId,
          severityLabel: severity,
          ackMinutes: target.ackMinutes,
          resolveMinutes: target.resolveMinutes,
          updatedBy: actorOf(actor).actorId,
          updatedAt: this.clock.now(),
        },
        { conflictPaths: ['tenantId', 'severityLabel'] },
      );
    });
  }

  /** Back to the contract tier's default for this severity. */
  async resetTarget(actor: Actor, tenantId: string, severity: SeverityLabel): Promise<EffectiveSlaPolicy> {
    return this.change(actor, tenantId, 'sla.policy.reset', { severity }, async (manager) => {
      await manager.delete(SlaPolicyOverride, { tenantId, severityLabel: severity });
    });
  }

  async setCalendar(
    actor: Actor,
    tenantId: string,
    command: SlaCalendarCommand,
  ): Promise<EffectiveSlaPolicy> {
    const holidays = [...new Set(command.holidays)].sort();
    if (holidays.length > 1000) throw invalid('at most 1000 holidays');
    const calendar = { ...command, holidays };
    return this.change(actor, tenantId, 'sla.calendar.set', calendar, async (manager) => {
      const [{ time_zone: timeZone }] = (await manager.query(`SELECT time_zone FROM tenants WHERE id = $1`, [
        tenantId,
      ])) as { time_zone: string }[];
      // Weekly hours are checked in 24/7 mode too: they are kept for a switch back to business hours.
      const problem = businessHoursProblem({ timeZone, ...calendar });
      if (problem) throw invalid(problem);
      await manager.upsert(
        SlaCalendarSetting,
        {
          tenantId,
          mode: calendar.mode,
          weeklyHours: [...calendar.weeklyHours],
          holidays,
          updatedBy: actorOf(actor).actorId,
          updatedAt: this.clock.now(),
        },
        { conflictPaths: ['tenantId'] },
      );
    });
  }

  private change(
    actor: Actor,
    tenantId: string,
    action: string,
    details: Record<string, unknown>,
    apply: (manager: EntityManager) => Promise<void>,
  ): Promise<EffectiveSlaPolicy> {
    return this.uow.withTenant(tenantId, async (manager) => {
      // Answers NOT_FOUND for a tenant this unit of work cannot see, before anything is written.
      await this.store.load(manager, tenantId);
      await apply(manager);
      await this.audit.record(actor, { action, targetType: 'tenant', targetId: tenantId, details });
      await manager.query(
        `UPDATE cases c SET sla_next_check_at = $2 WHERE c.tenant_id = $1 AND ${openCaseSql('c')}`,
        [tenantId, this.clock.now()],
      );
      return this.store.load(manager, tenantId);
    });
  }
}
