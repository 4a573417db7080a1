/**
 * SLA figures of a set of clocks. Times are minutes. MTTA/MTTR come in two measures:
 * - `mtta/mttrMinutes`: wall-clock time from the clock's start to its stop (pauses included);
 * - `mtta/mttrSlaMinutes`: the time the SLA counts (the tenant's calendar, business hours where it has
 *   them, PENDING_CUSTOMER pauses excluded), which is what compliance is judged on.
 * Compliance is met / decided clocks, in percent: a clock is decided once it stopped or its deadline
 * passed; clocks still running in time are not counted. Null when there is nothing to average.
 */
export interface SlaFigures {
  cases: number;
  acknowledged: number;
  resolved: number;
  mttaMinutes: number | null;
  mttaSlaMinutes: number | null;
  mttrMinutes: number | null;
  mttrSlaMinutes: number | null;
  ackMet: number;
  ackBreached: number;
  ackCompliancePercent: number | null;
  resolveMet: number;
  resolveBreached: number;
  resolveCompliancePercent: number | null;
}

export interface SlaTenantFigures {
  tenantId: string;
  tenantSlug: string;
  figures: SlaFigures;
}

export interface SlaSeverityFigures {
  severity: string;
  figures: SlaFigures;
}

export interface SlaAnalystFigures {
  analystId: string;
  displayName: string;
  email: string;
  figures: SlaFigures;
}

/**
 * The SLA report over cases created in [from, to): all of them, per tenant, per severity (the case's) and
 * per analyst (each clock credited to the assignee when it stopped: for the resolve clock, the assignee at
 * resolve; clocks not stopped yet are in no analyst's figures). A reopened case counts each resolve cycle.
 */
export interface SlaReport {
  from: Date;
  to: Date;
  total: SlaFigures;
  byTenant: SlaTenantFigures[];
  bySeverity: SlaSeverityFigures[];
  byAnalyst: SlaAnalystFigures[];
}
