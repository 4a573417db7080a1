import { Injectable } from '@nestjs/common';
import { currentTenantContext, ErrorCode, SieveException } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { type FindingRecord, findingKey } from './finding-record.js';
import { TriageStatus } from './triage-status.js';

export type StoreOutcome = 'inserted' | 'updated' | 'unchanged';

export interface StoredFinding {
  id: string;
  key: string;
  outcome: StoreOutcome;
  /** True when the finding waits for a (new) verdict: it is new, its severity rose, or it had none yet. */
  needsTriage: boolean;
  severityNormalized: number;
}

const COLUMNS = [
  'tenant_id',
  'product_arn',
  'finding_id',
  'source',
  'aws_account_id',
  'region',
  'finding_type',
  'types',
  'title',
  'severity_label',
  'severity_normalized',
  'provider_created_at',
  'provider_updated_at',
  'record_state',
  'workflow_status',
  'resources',
  'observables',
  'raw',
] as const;

/**
 * Top-level fields a workflow update changes (Sieve's own writeback, an analyst in the console): a new
 * version that differs only there is not a new occurrence of the finding.
 */
const PROVIDER_BOOKKEEPING = `ARRAY['UpdatedAt', 'Workflow', 'WorkflowState', 'Note', 'UserDefinedFields', 'VerificationState']`;

/** Rows per INSERT statement. */
const CHUNK = 500;

/**
 * Writes finding versions with the dedup rules in one statement per chunk:
 * - unknown (tenant, product, finding id): inserted, PENDING triage;
 * - a newer UpdatedAt: the row takes the new version and `last_seen_at` now, and `occurrences` + 1 unless
 *   only workflow bookkeeping changed (our own writeback); it goes back to PENDING only when the
 *   severity rose (a repeat does not raise again);
 * - the same or an older UpdatedAt (redelivery, pull overlap, out-of-order push): nothing changes.
 * Runs inside the caller's tenant unit of work, so the findings commit with whatever else it writes.
 */
@Injectable()
export class FindingsStore {
  async upsert(manager: EntityManager, records: readonly FindingRecord[]): Promise<StoredFinding[]> {
    const tenantId = currentTenantContext()?.tenantId;
    if (!tenantId)
      throw new SieveException(ErrorCode.Internal, 'Findings written outside a tenant unit of work');
    const latest = latestPerKey(records);
    const results: StoredFinding[] = [];
    for (let i = 0; i < latest.length; i += CHUNK) {
      results.push(...(await this.upsertChunk(manager, tenantId, latest.slice(i, i + CHUNK))));
    }
    return results;
  }

  private async upsertChunk(
    manager: EntityManager,
    tenantId: string,
    records: FindingRecord[],
  ): Promise<StoredFinding[]> {
    // The chunk travels as one JSON document unpacked by jsonb_to_recordset: one bind parameter and a
    // statement PostgreSQL plans the same way whatever the chunk size (a VALUES list of 18 parameters per
    // row cost more to parse and plan than to execute).
    const input = JSON.stringify(
      records.map((r) => ({
        product_arn: r.productArn,
        finding_id: r.findingId,
        source: r.source,
        aws_account_id: r.awsAccountId,
        region: r.region,
        finding_type: r.findingType,
        types: r.types,
        title: r.title,
        severity_label: r.severityLabel,
        severity_normalized: r.severityNormalized,
        provider_created_at: r.providerCreatedAt,
        provider_updated_at: r.providerUpdatedAt,
        record_state: r.recordState,
        workflow_status: r.workflowStatus,
        resources: r.resources,
        observables: r.observables,
        raw: r.raw,
      })),
    );
    // xmax = 0 tells an inserted row from an updated one. An updated row is PENDING again when its severity
    // rose, or when it had no verdict yet: either way it needs triage. (Reading each row's previous severity
    // first was an extra index probe per finding, ~12 % of the statement.)
    const sql = `
      INSERT INTO findings (${COLUMNS.join(', ')})
      SELECT $1, ${COLUMNS.slice(1).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(
          product_arn text, finding_id text, source text, aws_account_id text, region text, finding_type text,
          types text[], title text, severity_label text, severity_normalized smallint,
          provider_created_at timestamptz, provider_updated_at timestamptz, record_state text,
          workflow_status text, resources jsonb, observables jsonb, raw jsonb)
      ON CONFLICT (tenant_id, product_arn, finding_id) DO UPDATE SET
        source = excluded.source, aws_account_id = excluded.aws_account_id, region = excluded.region,
        finding_type = excluded.finding_type, types = excluded.types, title = excluded.title,
        severity_label = excluded.severity_label, severity_normalized = excluded.severity_normalized,
        provider_created_at = excluded.provider_created_at, provider_updated_at = excluded.provider_updated_at,
        record_state = excluded.record_state, workflow_status = excluded.workflow_status,
        resources = excluded.resources, observables = excluded.observables, raw = excluded.raw,
        occurrences = findings.occurrences + CASE
          WHEN (excluded.raw - ${PROVIDER_BOOKKEEPING}) IS DISTINCT FROM (findings.raw - ${PROVIDER_BOOKKEEPING}) THEN 1
          ELSE 0 END,
        last_seen_at = now(),
        triage_status = CASE WHEN excluded.severity_normalized > findings.severity_normalized
                             THEN 'PENDING' ELSE findings.triage_status END,
        triage_requested_at = CASE WHEN excluded.severity_normalized > findings.severity_normalized
                                   THEN now() ELSE findings.triage_requested_at END
      WHERE excluded.provider_updated_at > findings.provider_updated_at
      RETURNING id, product_arn, finding_id, severity_normalized, (xmax = 0) AS inserted, triage_status`;
    const written = (await manager.query(sql, [tenantId, input])) as {
      id: string;
      product_arn: string;
      finding_id: string;
      severity_normalized: number;
      inserted: boolean;
      triage_status: string;
    }[];
    const byKey = new Map(
      written.map((w) => [findingKey({ productArn: w.product_arn, findingId: w.finding_id }), w]),
    );
    const unchanged = records.filter((r) => !byKey.has(findingKey(r)));
    const ids = unchanged.length ? await this.idsOf(manager, tenantId, unchanged) : new Map<string, string>();
    return records.map((r) => {
      const key = findingKey(r);
      const row = byKey.get(key);
      if (!row)
        return {
          id: ids.get(key)!,
          key,
          outcome: 'unchanged',
          needsTriage: false,
          severityNormalized: r.severityNormalized,
        };
      return {
        id: row.id,
        key,
        outcome: row.inserted ? 'inserted' : 'updated',
        needsTriage: row.triage_status === TriageStatus.PENDING,
        severityNormalized: row.severity_normalized,
      };
    });
  }

  private async idsOf(
    manager: EntityManager,
    tenantId: string,
    records: FindingRecord[],
  ): Promise<Map<string, string>> {
    const rows = (await manager.query(
      `SELECT id, product_arn, finding_id FROM findings
       WHERE tenant_id = $1 AND (product_arn, finding_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [tenantId, records.map((r) => r.productArn), records.map((r) => r.findingId)],
    )) as { id: string; product_arn: string; finding_id: string }[];
    return new Map(
      rows.map((r) => [findingKey({ productArn: r.product_arn, findingId: r.finding_id }), r.id]),
    );
  }
}

/** Within one batch the same finding may come twice (push retries, overlapping pages): keep the newest. */
function latestPerKey(records: readonly FindingRecord[]): FindingRecord[] {
  const latest = new Map<string, FindingRecord>();
  for (const r of records) {
    const key = findingKey(r);
    const seen = latest.get(key);
    if (!seen || r.providerUpdatedAt > seen.providerUpdatedAt) latest.set(key, r);
  }
  return [...latest.values()];
}
