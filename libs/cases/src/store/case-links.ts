import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseFindingReason } from '../model/case-finding.entity.js';
import type { ObservableSource, ObservableType } from '../model/case-observable.entity.js';
import { openCaseSql } from '../model/case-status.js';
import {
  FINDING_FACTS_COLUMNS,
  type FindingFacts,
  type FindingFactsRow,
  factsOfRow,
} from '../model/finding-facts.js';
import { observablesOf } from '../model/observables-of.js';
import { changedRows } from './sql.js';

export interface FindingLink {
  caseId: string;
  findingId: string;
  reason: CaseFindingReason;
}

export interface AddedObservable {
  id: string;
  caseId: string;
  type: ObservableType;
  value: string;
  source: ObservableSource;
  findingId: string | null;
}

/** Writes of the links between cases and findings, and of the observables they bring; set-based. */
@Injectable()
export class CaseLinks {
  /** The open case each of these findings is in, if any. */
  async openCaseOf(
    manager: EntityManager,
    tenantId: string,
    findingIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (findingIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT cf.finding_id, cf.case_id FROM case_findings cf JOIN cases c ON c.id = cf.case_id
       WHERE cf.tenant_id = $1 AND cf.finding_id = ANY($2::uuid[]) AND ${openCaseSql('c')}`,
      [tenantId, findingIds],
    )) as { finding_id: string; case_id: string }[];
    return new Map(rows.map((r) => [r.finding_id, r.case_id]));
  }

  /** The tenant's findings with these ids (unknown ids are left out). */
  async facts(
    manager: EntityManager,
    tenantId: string,
    findingIds: readonly string[],
  ): Promise<FindingFacts[]> {
    if (findingIds.length === 0) return [];
    const rows = (await manager.query(
      `SELECT ${FINDING_FACTS_COLUMNS} FROM findings f WHERE f.tenant_id = $1 AND f.id = ANY($2::uuid[])`,
      [tenantId, findingIds],
    )) as FindingFactsRow[];
    return rows.map(factsOfRow);
  }

  /** Inserts the links that do not exist yet; answers those it inserted (a re-run inserts none). */
  async attach(
    manager: EntityManager,
    tenantId: string,
    links: readonly FindingLink[],
    at: Date,
  ): Promise<FindingLink[]> {
    if (links.length === 0) return [];
    return (await manager.query(
      `INSERT INTO case_findings (case_id, finding_id, tenant_id, reason, attached_at)
       SELECT l.case_id, l.finding_id, $1, l.reason, $2
       FROM jsonb_to_recordset($3::jsonb) AS l(case_id uuid, finding_id uuid, reason text)
       ON CONFLICT (case_id, finding_id) DO NOTHING
       RETURNING case_id AS "caseId", finding_id AS "findingId", reason`,
      [
        tenantId,
        at,
        JSON.stringify(links.map((l) => ({ case_id: l.caseId, finding_id: l.findingId, reason: l.reason }))),
      ],
    )) as FindingLink[];
  }

  /** Removes these findings from their open cases; answers which case each left. */
  async detachFromOpenCases(
    manager: EntityManager,
    tenantId: string,
    findingIds: readonly string[],
  ): Promise<{ caseId: string; findingId: string }[]> {
    if (findingIds.length === 0) return [];
    return changedRows(
      manager,
      `DELETE FROM case_findings cf USING cases c
       WHERE cf.case_id = c.id AND cf.tenant_id = $1 AND cf.finding_id = ANY($2::uuid[]) AND ${openCaseSql('c')}
       RETURNING cf.case_id AS "caseId", cf.finding_id AS "findingId"`,
      [tenantId, findingIds],
    );
  }

  /** The observables of attached findings, added to their case unless already there; answers the new ones. */
  addFromFindings(
    manager: EntityManager,
    tenantId: string,
    attached: readonly { caseId: string; finding: FindingFacts }[],
  ): Promise<AddedObservable[]> {
    return this.addObservables(
      manager,
      tenantId,
      attached.flatMap(({ caseId, finding }) =>
        observablesOf(finding).map((o) => ({
          caseId,
          ...o,
          source: 'FINDING' as const,
          findingId: finding.id,
          note: null,
        })),
      ),
    );
  }

  async addObservables(
    manager: EntityManager,
    tenantId: string,
    rows: readonly (Omit<AddedObservable, 'id'> & { note: string | null })[],
  ): Promise<AddedObservable[]> {
    if (rows.length === 0) return [];
    return (await manager.query(
      `INSERT INTO case_observables (tenant_id, case_id, type, value, source, finding_id, note)
       SELECT $1, o.case_id, o.type, o.value, o.source, o.finding_id, o.note
       FROM jsonb_to_recordset($2::jsonb)
         AS o(case_id uuid, type text, value text, source text, finding_id uuid, note text)
       ON CONFLICT (case_id, type, value) DO NOTHING
       RETURNING id, case_id AS "caseId", type, value, source, finding_id AS "findingId"`,
      [
        tenantId,
        JSON.stringify(
          rows.map((r) => ({
            case_id: r.caseId,
            type: r.type,
            value: r.value,
            source: r.source,
            finding_id: r.findingId,
            note: r.note,
          })),
        ),
      ],
    )) as AddedObservable[];
  }
}

/** The OBSERVABLE_ADDED entry of an added observable. */
export function observableAddedData(o: AddedObservable): Record<string, unknown> {
  return { observableId: o.id, type: o.type, value: o.value, source: o.source, findingId: o.findingId };
}
