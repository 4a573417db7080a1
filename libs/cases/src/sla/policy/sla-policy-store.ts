import { Injectable } from '@nestjs/common';
import { SieveException } from '@sieve/core';
import type { ContractTier } from '@sieve/tenancy';
import type { EntityManager } from 'typeorm';
import type { WorkingHours } from '../calendar/working-hours.js';
import type { CalendarMode } from './calendar-mode.js';
import type { EffectiveSlaPolicy } from './effective-sla-policy.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_WEEKLY_HOURS, defaultCalendarMode } from './sla-defaults.js';
import { SEVERITY_LABELS, type SeverityLabel } from '../../model/severity.js';

interface PolicyRow {
  contract_tier: ContractTier;
  time_zone: string;
  mode: CalendarMode | null;
  weekly_hours: WorkingHours[] | null;
  holidays: string[] | null;
  overrides: { severity: SeverityLabel; ack: number; resolve: number }[];
}

// One statement: the tenant, its calendar and its overrides (this runs on every SLA-relevant case change).
const POLICY_SQL = `
  SELECT t.contract_tier, t.time_zone, c.mode, c.weekly_hours, c.holidays,
         coalesce((SELECT json_agg(json_build_object('severity', p.severity_label, 'ack', p.ack_minutes,
                                                     'resolve', p.resolve_minutes))
                   FROM sla_policies p WHERE p.tenant_id = t.id), '[]') AS overrides
  FROM tenants t LEFT JOIN sla_calendars c ON c.tenant_id = t.id
  WHERE t.id = $1`;

/** Reads a tenant's effective SLA policy inside the caller's unit of work. */
@Injectable()
export class SlaPolicyStore {
  async load(manager: EntityManager, tenantId: string): Promise<EffectiveSlaPolicy> {
    const [row] = (await manager.query(POLICY_SQL, [tenantId])) as PolicyRow[];
    if (!row) throw SieveException.notFound('Tenant', tenantId);
    const defaults = DEFAULT_SLA_TARGETS[row.contract_tier];
    return {
      tenantId,
      contractTier: row.contract_tier,
      timeZone: row.time_zone,
      targets: [...SEVERITY_LABELS].reverse().map((severity) => {
        const override = row.overrides.find((o) => o.severity === severity);
        return override
          ? { severity, ackMinutes: override.ack, resolveMinutes: override.resolve, isDefault: false }
          : { severity, ...defaults[severity], isDefault: true };
      }),
      calendar: row.mode
        ? { mode: row.mode, weeklyHours: row.weekly_hours!, holidays: row.holidays!, isDefault: false }
        : {
            mode: defaultCalendarMode(row.contract_tier),
            weeklyHours: DEFAULT_WEEKLY_HOURS,
            holidays: [],
            isDefault: true,
          },
    };
  }
}
