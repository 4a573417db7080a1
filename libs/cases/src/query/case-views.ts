import { SieveException } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import type { CaseComment } from '../model/case-comment.entity.js';
import { caseKey } from '../model/case-key.js';
import type { CaseDisposition, CaseSlaState, CaseStatus } from '../model/case-status.js';
import type { SeverityLabel } from '../model/severity.js';
import type { PersonView } from './case-children.js';
import {
  ALL_INCLUDES,
  type CaseIncludes,
  type IncludedRow,
  assigneeOf,
  includeSql,
  lastCommentOf,
} from './case-page-joins.js';

/**
 * A case as the API shows it, with what lists need in the same row (key, tenant, finding count) and, when
 * its statement carried them, its assignee and newest comment: plain properties GraphQL reads as they are.
 */
export interface CaseView {
  id: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  key: string;
  number: number;
  title: string;
  description: string;
  severityLabel: SeverityLabel;
  severityNormalized: number;
  priority: number;
  status: CaseStatus;
  disposition: CaseDisposition | null;
  resolutionSummary: string | null;
  assigneeId: string | null;
  tags: string[];
  mergedIntoId: string | null;
  findingCount: number;
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lastActivityAt: Date;
  slaAckDueAt: Date | null;
  slaResolveDueAt: Date | null;
  slaDueAt: Date | null;
  slaState: CaseSlaState;
  /** Absent when the statement that read the case was not asked for it (nor was GraphQL). */
  assignee?: PersonView | null;
  lastComment?: CaseComment | null;
}

export interface CaseRow {
  id: string;
  tenant_id: string;
  tenant_slug: string;
  tenant_name: string;
  number: number;
  title: string;
  description: string;
  severity_label: SeverityLabel;
  severity_normalized: number;
  priority: number;
  status: CaseStatus;
  disposition: CaseDisposition | null;
  resolution_summary: string | null;
  assignee_id: string | null;
  tags: string[];
  merged_into_id: string | null;
  finding_count: number;
  created_at: Date;
  updated_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  last_activity_at: Date;
  sla_ack_due_at: Date | null;
  sla_resolve_due_at: Date | null;
  sla_due_at: Date | null;
  sla_state: CaseSlaState;
}

/**
 * The columns of a CaseView, for `FROM cases c JOIN tenants t ON t.id = c.tenant_id`. The finding count is
 * a per-row index-only count in the same statement: a page of cases costs no extra query for it.
 */
export const CASE_VIEW_COLUMNS = `c.id, c.tenant_id, t.slug AS tenant_slug, t.name AS tenant_name, c.number, c.title,
  c.description, c.severity_label, c.severity_normalized, c.priority, c.status, c.disposition, c.resolution_summary,
  c.assignee_id, c.tags, c.merged_into_id, c.created_at, c.updated_at, c.acknowledged_at, c.resolved_at,
  c.closed_at, c.last_activity_at, c.sla_ack_due_at, c.sla_resolve_due_at, c.sla_due_at, c.sla_state,
  (SELECT count(*) FROM case_findings cf WHERE cf.case_id = c.id)::int AS finding_count`;

export function toCaseView(r: CaseRow): CaseView {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    tenantSlug: r.tenant_slug,
    tenantName: r.tenant_name,
    key: caseKey(r.tenant_slug, r.number),
    number: r.number,
    title: r.title,
    description: r.description,
    severityLabel: r.severity_label,
    severityNormalized: r.severity_normalized,
    priority: r.priority,
    status: r.status,
    disposition: r.disposition,
    resolutionSummary: r.resolution_summary,
    assigneeId: r.assignee_id,
    tags: r.tags,
    mergedIntoId: r.merged_into_id,
    findingCount: r.finding_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    lastActivityAt: r.last_activity_at,
    slaAckDueAt: r.sla_ack_due_at,
    slaResolveDueAt: r.sla_resolve_due_at,
    slaDueAt: r.sla_due_at,
    slaState: r.sla_state,
  };
}

/**
 * Cases by id among the given tenants (RLS narrows further to what the unit of work may read), with their
 * assignees and newest comments: whoever returns them (a mutation, a subscription) may be asked for both.
 */
export async function loadCaseViews(
  manager: EntityManager,
  tenantIds: readonly string[],
  caseIds: readonly string[],
): Promise<CaseView[]> {
  if (caseIds.length === 0) return [];
  const extra = includeSql(ALL_INCLUDES);
  const rows = (await manager.query(
    `SELECT ${CASE_VIEW_COLUMNS}${extra.columns} FROM cases c JOIN tenants t ON t.id = c.tenant_id ${extra.joins}
     WHERE c.tenant_id = ANY($1::uuid[]) AND c.id = ANY($2::uuid[])`,
    [tenantIds, caseIds],
  )) as (CaseRow & IncludedRow)[];
  return rows.map((row) => withIncluded(toCaseView(row), row, ALL_INCLUDES));
}

/** The view with the relations its row carried (see `includeSql`). */
export function withIncluded(view: CaseView, row: IncludedRow, includes: CaseIncludes): CaseView {
  if (includes.assignee) view.assignee = assigneeOf(row);
  if (includes.lastComment) view.lastComment = lastCommentOf(row);
  return view;
}

/** One case of the open tenant, as it is now; NOT_FOUND when the tenant has none with this id. */
export async function loadCaseView(
  manager: EntityManager,
  tenantId: string,
  caseId: string,
): Promise<CaseView> {
  const [view] = await loadCaseViews(manager, [tenantId], [caseId]);
  if (!view) throw SieveException.notFound('Case', caseId);
  return view;
}
