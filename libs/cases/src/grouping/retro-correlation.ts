import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { openCaseSql } from '../model/case-status.js';
import {
  FINDING_FACTS_COLUMNS,
  type FindingFacts,
  type FindingFactsRow,
  factsOfRow,
} from '../model/finding-facts.js';
import { PRINCIPAL_KEY, RESOURCE_KEY } from './group-keys.js';

/** Earlier findings attached per batch at most: a bastion probed all day must not bury the case. */
export const MAX_CORRELATED_PER_BATCH = 500;

/** Security Hub takes notes of at most 512 characters. */
const MAX_NOTE = 512;

/** A case that raised findings just joined, as retro-correlation looks for their precursors. */
export interface CorrelationTarget {
  caseId: string;
  caseKey: string;
  keys: readonly string[];
  /** The worst raised finding of the case in this batch: what the precursors precede. */
  trigger: FindingFacts;
  /** Types of the findings raised into the case in this batch. */
  raisedTypes: readonly string[];
  priority: number;
  /** Earlier findings count when they happened in this range (provider time): the window before the trigger. */
  observedFrom: Date;
  observedTo: Date;
}

export interface CorrelatedFinding {
  caseId: string;
  finding: FindingFacts;
  /** `correlated`: it was SUPPRESSED and is now re-labelled RAISED; `grouped`: it was RAISED already. */
  reason: 'correlated' | 'grouped';
}

interface CandidateRow extends FindingFactsRow {
  verdict: 'SUPPRESSED' | 'RAISED';
  verdict_explanation: string | null;
  product_arn: string;
  provider_id: string;
  /** The keys (`resource:…`, `principal:…`) the finding was found by. */
  keys: string[];
  observed_at: Date;
}

/**
 * When findings are raised, the tenant's earlier findings on the same resource or principal that happened
 * within the window before them (provider time, not when Sieve judged them) and are in no open case —
 * suppressed ones included — join the case as context. A suppressed one
 * is re-labelled RAISED with the reason, and its Security Hub writeback is corrected (NOTIFIED): the port
 * probe that preceded a compromise is part of the story an analyst must see. Only a finding of another type
 * than those raised is a precursor: a raised probe on port 22 does not make the instance's earlier,
 * suppressed probes on its web ports part of a story (else every raised finding would un-suppress its
 * resource's whole known-good history for the window).
 */
@Injectable()
export class RetroCorrelation {
  async correlate(
    manager: EntityManager,
    tenantId: string,
    targets: readonly CorrelationTarget[],
    opts: { now: Date; exclude: readonly string[]; writeback: boolean },
  ): Promise<CorrelatedFinding[]> {
    const resources = targets.flatMap((t) => keysWith(t.keys, RESOURCE_KEY));
    const principals = targets.flatMap((t) => keysWith(t.keys, PRINCIPAL_KEY));
    if (resources.length === 0 && principals.length === 0) return [];
    // The batch's range; each target keeps only its own below.
    const from = new Date(Math.min(...targets.map((t) => t.observedFrom.getTime())));
    const to = new Date(Math.max(...targets.map((t) => t.observedTo.getTime())));
    // The findings on the keys are first looked up by key alone, in a CTE the planner plans on its own, on
    // the plain key columns: then the key indexes are always its cheapest way in, whatever it believes of the
    // tenant's size. On the fingerprint's `->>` (not leakproof, so under row-level security never an index
    // condition) and with every condition at once, it read the tenant's whole window through some index
    // starting with tenant_id, detoasting every fingerprint: 20–40 ms and 4,000–15,000 buffers per triage
    // batch under load. The cheap conditions come next, on the rows found: on a busy resource most are
    // suppressed findings of the very type raised (a fleet's probes), dropped before the case lookups and the
    // row locks. Rows another batch is judging right now are skipped, not waited for: two batches of one
    // tenant must never deadlock on each other's findings.
    const rows = (await manager.query(
      `WITH keyed AS MATERIALIZED (
         SELECT f.id, '${RESOURCE_KEY}' || f.resource_key AS key, f.verdict, f.provider_updated_at, f.finding_type
         FROM findings f WHERE f.tenant_id = $1 AND f.resource_key = ANY($2::text[])
         UNION ALL
         SELECT f.id, '${PRINCIPAL_KEY}' || f.principal_key, f.verdict, f.provider_updated_at, f.finding_type
         FROM findings f WHERE f.tenant_id = $1 AND f.principal_key = ANY($3::text[])
       ), matched AS (
         SELECT k.id, array_agg(k.key) AS keys FROM keyed k
         WHERE k.verdict IS NOT NULL AND k.provider_updated_at BETWEEN $4 AND $8 AND k.id <> ALL($5::uuid[])
           AND NOT (k.verdict = 'SUPPRESSED' AND EXISTS (
             SELECT 1 FROM unnest($6::text[], $7::text[]) AS r(key, type)
             WHERE r.type = k.finding_type AND r.key = k.key))
         GROUP BY k.id
       )
       SELECT ${FINDING_FACTS_COLUMNS}, f.verdict, f.verdict_explanation, f.product_arn,
              f.finding_id AS provider_id, m.keys, f.provider_updated_at AS observed_at
       FROM matched m JOIN findings f ON f.id = m.id AND f.tenant_id = $1
       WHERE NOT EXISTS (SELECT 1 FROM case_findings cf JOIN cases c ON c.id = cf.case_id
                         WHERE cf.finding_id = f.id AND ${openCaseSql('c')})
       ORDER BY f.provider_updated_at DESC
       LIMIT ${MAX_CORRELATED_PER_BATCH}
       FOR UPDATE OF f SKIP LOCKED`,
      // A suppressed finding of a type raised on the same key is no precursor (below): filtered here, so that
      // it is neither read nor locked (a fleet's web probes would otherwise be locked by every raised SSH probe).
      [tenantId, resources, principals, from, opts.exclude, ...raisedPairs(targets), to],
    )) as CandidateRow[];

    const found: CorrelatedFinding[] = [];
    const relabels: { row: CandidateRow; target: CorrelationTarget; explanation: string }[] = [];
    for (const row of rows) {
      const observed = row.observed_at.getTime();
      const target = targets.find(
        (t) =>
          row.keys.some((k) => t.keys.includes(k)) &&
          observed >= t.observedFrom.getTime() &&
          observed <= t.observedTo.getTime(),
      );
      if (!target) continue;
      const finding = factsOfRow(row);
      if (row.verdict === 'RAISED') {
        found.push({ caseId: target.caseId, finding, reason: 'grouped' });
        continue;
      }
      if (target.raisedTypes.includes(finding.findingType)) continue;
      const via = row.keys.some((k) => k.startsWith(RESOURCE_KEY) && target.keys.includes(k))
        ? 'resource'
        : 'principal';
      const explanation =
        `Raised (correlated): precedes ${target.trigger.findingType} on the same ${via} in case ${target.caseKey}; ` +
        `was ${lowerFirst(row.verdict_explanation ?? 'suppressed')}`;
      relabels.push({ row, target, explanation });
      found.push({
        caseId: target.caseId,
        finding: { ...finding, priority: target.priority },
        reason: 'correlated',
      });
    }
    await this.relabel(manager, tenantId, relabels, opts);
    return found;
  }

  private async relabel(
    manager: EntityManager,
    tenantId: string,
    relabels: readonly { row: CandidateRow; target: CorrelationTarget; explanation: string }[],
    opts: { now: Date; writeback: boolean },
  ): Promise<void> {
    if (relabels.length === 0) return;
    await manager.query(
      `UPDATE findings f SET verdict = 'RAISED', verdict_priority = v.priority, verdict_explanation = v.explanation,
              verdict_at = $2
       FROM jsonb_to_recordset($3::jsonb) AS v(id uuid, priority smallint, explanation text)
       WHERE f.tenant_id = $1 AND f.id = v.id`,
      [
        tenantId,
        opts.now,
        JSON.stringify(
          relabels.map((r) => ({ id: r.row.id, priority: r.target.priority, explanation: r.explanation })),
        ),
      ],
    );
    if (!opts.writeback) return;
    // The correction is a new verdict in the outbox, sent after the suppression it corrects (ids are
    // ordered). Should the suppression carry the same instant (judged in this very batch), it is rewritten.
    await manager.query(
      `INSERT INTO writeback_outbox (tenant_id, finding_id, verdict_at, aws_account_id, region, product_arn,
         provider_finding_id, workflow_status, note)
       SELECT $1, w.finding_id, $2, w.account, w.region, w.product_arn, w.provider_id, 'NOTIFIED', w.note
       FROM jsonb_to_recordset($3::jsonb)
         AS w(finding_id uuid, account text, region text, product_arn text, provider_id text, note text)
       ON CONFLICT (finding_id, verdict_at) DO UPDATE
         SET workflow_status = 'NOTIFIED', note = EXCLUDED.note, sent_at = NULL, attempts = 0, last_error = NULL`,
      [
        tenantId,
        opts.now,
        JSON.stringify(
          relabels.map((r) => ({
            finding_id: r.row.id,
            account: r.row.aws_account_id,
            region: r.row.region,
            product_arn: r.row.product_arn,
            provider_id: r.row.provider_id,
            note: writebackNote(r.target.priority, r.explanation),
          })),
        ),
      ],
    );
  }
}

/** (key, type) for every type raised on every key of the targets, as two parallel arrays. */
function raisedPairs(targets: readonly CorrelationTarget[]): [string[], string[]] {
  const keys: string[] = [];
  const types: string[] = [];
  for (const t of targets) {
    for (const key of t.keys) {
      for (const type of t.raisedTypes) {
        keys.push(key);
        types.push(type);
      }
    }
  }
  return [keys, types];
}

function keysWith(keys: readonly string[], prefix: string): string[] {
  return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The note triage writes for a RAISED verdict (same wording as its own writeback of raised findings). */
function writebackNote(priority: number, explanation: string): string {
  const note = `Sieve: raised for analyst review (priority ${priority}). ${explanation}`;
  return note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE - 1)}…` : note;
}
