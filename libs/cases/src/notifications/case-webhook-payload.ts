import type { EntityManager } from 'typeorm';
import type { CaseTimelineEntry } from '../events/case-change.js';
import { caseKey } from '../model/case-key.js';

/** The case as webhooks describe it: where it stands after the change. */
export interface CaseSnapshot {
  id: string;
  key: string;
  number: number;
  title: string;
  status: string;
  severity: string;
  priority: number;
  disposition: string | null;
  assigneeId: string | null;
  slaState: string;
  slaDueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Reads the case inside the change's transaction (so it shows the change), or null if it is gone. */
export async function loadCaseSnapshot(
  manager: EntityManager,
  tenantId: string,
  caseId: string,
): Promise<CaseSnapshot | null> {
  const [row] = (await manager.query(
    `SELECT c.id, c.number, t.slug, c.title, c.status, c.severity_label, c.priority, c.disposition,
            c.assignee_id, c.sla_state, c.sla_due_at, c.created_at, c.updated_at
     FROM cases c JOIN tenants t ON t.id = c.tenant_id
     WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, caseId],
  )) as {
    id: string;
    number: number;
    slug: string;
    title: string;
    status: string;
    severity_label: string;
    priority: number;
    disposition: string | null;
    assignee_id: string | null;
    sla_state: string;
    sla_due_at: Date | null;
    created_at: Date;
    updated_at: Date;
  }[];
  if (!row) return null;
  return {
    id: row.id,
    key: caseKey(row.slug, row.number),
    number: row.number,
    title: row.title,
    status: row.status,
    severity: row.severity_label,
    priority: row.priority,
    disposition: row.disposition,
    assigneeId: row.assignee_id,
    slaState: row.sla_state,
    slaDueAt: row.sla_due_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A timeline entry as webhooks carry it. */
export function changeOf(entry: CaseTimelineEntry): Record<string, unknown> {
  return {
    id: entry.id,
    type: entry.type,
    at: entry.at.toISOString(),
    actor: { type: entry.actorType, id: entry.actorId },
    data: entry.data,
  };
}

/** The finding of a FINDING_ATTACHED entry (the entry carries what a receiver needs to know of it). */
export function findingOf(entry: CaseTimelineEntry): Record<string, unknown> {
  const d = entry.data;
  return {
    id: d.findingId ?? null,
    type: d.findingType ?? null,
    title: d.title ?? null,
    severity: d.severityLabel ?? null,
    awsAccountId: d.awsAccountId ?? null,
    region: d.region ?? null,
  };
}
