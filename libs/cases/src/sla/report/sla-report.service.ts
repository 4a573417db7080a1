import { Injectable } from '@nestjs/common';
import { ErrorCode, SieveException, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { SEVERITY_LABELS } from '../../model/severity.js';
import type { SlaFigures, SlaReport } from './sla-figures.js';
import { SLA_REPORT_SQL, type SlaReportRow } from './sla-report.sql.js';
import type { SlaScope } from '../access/sla-scope.js';

const MAX_WINDOW_DAYS = 366;
const severityRank = (label: string): number => (SEVERITY_LABELS as readonly string[]).indexOf(label);

const percent = (met: number, breached: number): number | null =>
  met + breached === 0 ? null : (100 * met) / (met + breached);

function figuresOf(row: SlaReportRow | undefined): SlaFigures {
  const r = row ?? ({} as Partial<SlaReportRow>);
  return {
    cases: r.cases ?? 0,
    acknowledged: r.acknowledged ?? 0,
    resolved: r.resolved ?? 0,
    mttaMinutes: r.mtta_minutes ?? null,
    mttaSlaMinutes: r.mtta_sla_minutes ?? null,
    mttrMinutes: r.mttr_minutes ?? null,
    mttrSlaMinutes: r.mttr_sla_minutes ?? null,
    ackMet: r.ack_met ?? 0,
    ackBreached: r.ack_breached ?? 0,
    ackCompliancePercent: percent(r.ack_met ?? 0, r.ack_breached ?? 0),
    resolveMet: r.resolve_met ?? 0,
    resolveBreached: r.resolve_breached ?? 0,
    resolveCompliancePercent: percent(r.resolve_met ?? 0, r.resolve_breached ?? 0),
  };
}

/** MTTA, MTTR and compliance over the cases created in a window, for the tenants a principal may see. */
@Injectable()
export class SlaReportService {
  constructor(private readonly uow: UnitOfWork) {}

  async report(scope: SlaScope, from: Date, to: Date): Promise<SlaReport> {
    if (from.getTime() >= to.getTime()) {
      throw new SieveException(ErrorCode.BadUserInput, '`from` must be before `to`');
    }
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
      throw new SieveException(ErrorCode.BadUserInput, `the window is at most ${MAX_WINDOW_DAYS} days`);
    }
    const query = (manager: EntityManager) =>
      manager.query(SLA_REPORT_SQL, [from, to]) as Promise<SlaReportRow[]>;
    let rows: SlaReportRow[] = [];
    if (scope.tenantIds.length === 1) {
      rows = await this.uow.withTenant(scope.tenantIds[0], query);
    } else if (scope.tenantIds.length > 1) {
      rows = await this.uow.withAnalystTenants(
        { actorId: scope.actorId, purpose: 'slaReport', tenantIds: scope.tenantIds },
        query,
      );
    }
    return {
      from,
      to,
      total: figuresOf(rows.find((r) => !r.by_tenant && !r.by_severity && !r.by_analyst)),
      byTenant: rows
        .filter((r) => r.by_tenant)
        .map((r) => ({ tenantId: r.tenant_id!, tenantSlug: r.tenant_slug!, figures: figuresOf(r) }))
        .sort((a, b) => a.tenantSlug.localeCompare(b.tenantSlug)),
      bySeverity: rows
        .filter((r) => r.by_severity)
        .map((r) => ({ severity: r.severity!, figures: figuresOf(r) }))
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity)),
      byAnalyst: rows
        .filter((r) => r.by_analyst)
        .map((r) => ({
          analystId: r.assignee_id!,
          displayName: r.display_name!,
          email: r.email!,
          figures: figuresOf(r),
        }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    };
  }
}
