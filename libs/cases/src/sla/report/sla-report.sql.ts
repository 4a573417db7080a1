/**
 * One pass over the clocks of the cases created in [$1, $2) that the unit of work can see (RLS narrows it
 * to the tenant, or to the analyst's tenants), aggregated four ways with GROUPING SETS.
 */
export const SLA_REPORT_SQL = `
  WITH k AS (
    SELECT c.id AS case_id, c.tenant_id, t.slug AS tenant_slug, c.severity_label AS severity,
           k.assignee_id, k.clock, k.met, k.stopped_at IS NOT NULL AS stopped,
           extract(epoch FROM k.stopped_at - k.started_at) / 60 AS wall_minutes,
           k.elapsed_ms / 60000.0 AS sla_minutes
    FROM cases c
    JOIN tenants t ON t.id = c.tenant_id
    JOIN case_sla_clocks k ON k.case_id = c.id
    WHERE c.created_at >= $1 AND c.created_at < $2
  )
  SELECT
    GROUPING(k.tenant_id, k.tenant_slug) = 0 AS by_tenant,
    GROUPING(k.severity) = 0 AS by_severity,
    GROUPING(k.assignee_id) = 0 AS by_analyst,
    k.tenant_id, k.tenant_slug, k.severity, k.assignee_id,
    min(u.display_name) AS display_name, min(u.email) AS email,
    count(DISTINCT k.case_id)::int AS cases,
    count(*) FILTER (WHERE k.clock = 'ACK' AND k.stopped)::int AS acknowledged,
    count(*) FILTER (WHERE k.clock = 'RESOLVE' AND k.stopped)::int AS resolved,
    avg(k.wall_minutes) FILTER (WHERE k.clock = 'ACK' AND k.stopped)::float8 AS mtta_minutes,
    avg(k.sla_minutes) FILTER (WHERE k.clock = 'ACK' AND k.stopped)::float8 AS mtta_sla_minutes,
    avg(k.wall_minutes) FILTER (WHERE k.clock = 'RESOLVE' AND k.stopped)::float8 AS mttr_minutes,
    avg(k.sla_minutes) FILTER (WHERE k.clock = 'RESOLVE' AND k.stopped)::float8 AS mttr_sla_minutes,
    count(*) FILTER (WHERE k.clock = 'ACK' AND k.met)::int AS ack_met,
    count(*) FILTER (WHERE k.clock = 'ACK' AND NOT k.met)::int AS ack_breached,
    count(*) FILTER (WHERE k.clock = 'RESOLVE' AND k.met)::int AS resolve_met,
    count(*) FILTER (WHERE k.clock = 'RESOLVE' AND NOT k.met)::int AS resolve_breached
  FROM k
  LEFT JOIN users u ON u.id = k.assignee_id
  GROUP BY GROUPING SETS ((), (k.tenant_id, k.tenant_slug), (k.severity), (k.assignee_id))
  HAVING GROUPING(k.assignee_id) = 1 OR k.assignee_id IS NOT NULL`;

export interface SlaReportRow {
  by_tenant: boolean;
  by_severity: boolean;
  by_analyst: boolean;
  tenant_id: string | null;
  tenant_slug: string | null;
  severity: string | null;
  assignee_id: string | null;
  display_name: string | null;
  email: string | null;
  cases: number;
  acknowledged: number;
  resolved: number;
  mtta_minutes: number | null;
  mtta_sla_minutes: number | null;
  mttr_minutes: number | null;
  mttr_sla_minutes: number | null;
  ack_met: number;
  ack_breached: number;
  resolve_met: number;
  resolve_breached: number;
}
