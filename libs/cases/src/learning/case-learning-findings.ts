import type { LearningFinding, TruePositiveInput } from '@sieve/knowledge';
import type { EntityManager } from 'typeorm';
import { caseKey } from '../model/case-key.js';

export type CaseLearningFinding = LearningFinding & TruePositiveInput;

interface FindingRow {
  id: string;
  finding_type: string;
  severity_label: string;
  fingerprint: Record<string, string | number | boolean | string[]> | null;
  verdict_pattern_id: string | null;
  verdict_pattern_scope: 'TENANT' | 'GLOBAL' | null;
}

/** The findings linked to a case (whatever brought them there), as the learning loop reads them. */
export async function caseLearningFindings(
  manager: EntityManager,
  tenantId: string,
  caseId: string,
): Promise<CaseLearningFinding[]> {
  const rows = (await manager.query(
    `SELECT f.id, f.finding_type, f.severity_label, f.fingerprint, f.verdict_pattern_id, f.verdict_pattern_scope
     FROM case_findings cf JOIN findings f ON f.id = cf.finding_id
     WHERE cf.tenant_id = $1 AND cf.case_id = $2
     ORDER BY f.id`,
    [tenantId, caseId],
  )) as FindingRow[];
  return rows.map((r) => ({
    id: r.id,
    findingType: r.finding_type,
    severityLabel: r.severity_label,
    fingerprint: r.fingerprint,
    verdictPatternId: r.verdict_pattern_id,
    verdictPatternScope: r.verdict_pattern_scope,
  }));
}

/** ACME-42 of a case of the open tenant. */
export async function keyOfCase(manager: EntityManager, tenantId: string, caseId: string): Promise<string> {
  const [row] = (await manager.query(
    `SELECT t.slug, c.number FROM cases c JOIN tenants t ON t.id = c.tenant_id WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, caseId],
  )) as { slug: string; number: number }[];
  return caseKey(row.slug, row.number);
}
