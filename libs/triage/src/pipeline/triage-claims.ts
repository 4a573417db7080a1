import { Finding, type TriageStatus } from '@sieve/findings';
import type { EntityManager } from 'typeorm';

/** What triage reads of a finding: the normaliser's columns, not the raw document nor the previous verdict. */
const CLAIMED_COLUMNS = `id, tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
  title, severity_label, severity_normalized, provider_created_at, provider_updated_at, record_state,
  workflow_status, resources, observables, occurrences, first_seen_at, last_seen_at, triage_status,
  triage_requested_at, triage_attempts,
  CASE WHEN raw ? 'ThreatIntelIndicators'
       THEN jsonb_build_object('ThreatIntelIndicators', raw->'ThreatIntelIndicators') ELSE '{}'::jsonb END AS raw`;

interface ClaimedRow {
  id: string;
  tenant_id: string;
  product_arn: string;
  finding_id: string;
  source: 'securityhub' | 'guardduty';
  aws_account_id: string;
  region: string;
  finding_type: string;
  types: string[];
  title: string;
  severity_label: string;
  severity_normalized: number;
  provider_created_at: Date;
  provider_updated_at: Date;
  record_state: string | null;
  workflow_status: string | null;
  resources: unknown[];
  observables: Record<string, unknown>;
  occurrences: number;
  first_seen_at: Date;
  last_seen_at: Date;
  triage_status: TriageStatus;
  triage_requested_at: Date;
  triage_attempts: number;
  raw: Record<string, unknown>;
}

/**
 * Locks up to `limit` of the tenant's findings that are due (PENDING, or ERROR whose backoff is over), most
 * severe first, skipping rows another worker holds. The order is the one of `findings_triage_due_idx`, so
 * the claim reads `limit` index entries, not the whole backlog.
 *
 * The `raw` document is not read whole: triage works on the normaliser's columns (see TriageFinding), and a
 * 3 KB JSON document per finding parsed for nothing was a measurable share of the worker's time. The claimed
 * finding's `raw` holds only its `ThreatIntelIndicators` (the case domain turns them into observables).
 */
export async function claimDue(
  manager: EntityManager,
  tenantId: string,
  now: Date,
  limit: number,
): Promise<Finding[]> {
  const rows = (await manager.query(
    `SELECT ${CLAIMED_COLUMNS} FROM findings
     WHERE tenant_id = $1 AND triage_status IN ('PENDING', 'ERROR') AND triage_requested_at <= $2
     ORDER BY severity_normalized DESC, triage_requested_at ASC
     LIMIT $3
     FOR UPDATE SKIP LOCKED`,
    [tenantId, now, limit],
  )) as ClaimedRow[];
  return rows.map(toFinding);
}

/**
 * Whether the tenant still has findings due, and the severity of the most severe: one index entry read,
 * however long the backlog (a count over a 100,000-finding flood after every batch was not free).
 */
export async function nextDue(
  manager: EntityManager,
  tenantId: string,
  now: Date,
): Promise<{ maxSeverity: number } | null> {
  const [row] = (await manager.query(
    `SELECT severity_normalized AS "maxSeverity" FROM findings
     WHERE tenant_id = $1 AND triage_status IN ('PENDING', 'ERROR') AND triage_requested_at <= $2
     ORDER BY severity_normalized DESC, triage_requested_at ASC
     LIMIT 1`,
    [tenantId, now],
  )) as { maxSeverity: number }[];
  return row ?? null;
}

function toFinding(row: ClaimedRow): Finding {
  return Object.assign(new Finding(), {
    id: row.id,
    tenantId: row.tenant_id,
    productArn: row.product_arn,
    findingId: row.finding_id,
    source: row.source,
    awsAccountId: row.aws_account_id,
    region: row.region,
    findingType: row.finding_type,
    types: row.types,
    title: row.title,
    severityLabel: row.severity_label,
    severityNormalized: row.severity_normalized,
    providerCreatedAt: row.provider_created_at,
    providerUpdatedAt: row.provider_updated_at,
    recordState: row.record_state,
    workflowStatus: row.workflow_status,
    resources: row.resources,
    observables: row.observables,
    occurrences: row.occurrences,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    triageStatus: row.triage_status,
    triageRequestedAt: row.triage_requested_at,
    triageAttempts: row.triage_attempts,
    raw: row.raw,
    enrichment: null,
    fingerprint: null,
    verdict: null,
    verdictPriority: null,
    verdictExplanation: null,
    verdictPatternId: null,
    verdictPatternScope: null,
    verdictAt: null,
    triageError: null,
  });
}
