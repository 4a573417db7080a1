import type { SeverityLabel } from './severity.js';

/** What the case domain reads of a finding it attaches: event data, severity and observables. */
export interface FindingFacts {
  id: string;
  findingType: string;
  title: string;
  severityLabel: SeverityLabel;
  severityNormalized: number;
  /** The verdict's priority (1 most urgent), when triage gave one. */
  priority: number | null;
  awsAccountId: string;
  region: string;
  resources: unknown[];
  observables: Record<string, unknown>;
  /** ASFF `ThreatIntelIndicators` of the raw finding, if any (hashes, IPs, domains). */
  indicators: unknown;
}

/** Columns of `findings` (alias `f`) that make FindingFacts, for raw SQL. */
export const FINDING_FACTS_COLUMNS = `f.id, f.finding_type, f.title, f.severity_label, f.severity_normalized,
  f.verdict_priority, f.aws_account_id, f.region, f.resources, f.observables,
  f.raw->'ThreatIntelIndicators' AS indicators`;

export interface FindingFactsRow {
  id: string;
  finding_type: string;
  title: string;
  severity_label: SeverityLabel;
  severity_normalized: number;
  verdict_priority: number | null;
  aws_account_id: string;
  region: string;
  resources: unknown[];
  observables: Record<string, unknown>;
  indicators: unknown;
}

export function factsOfRow(row: FindingFactsRow): FindingFacts {
  return {
    id: row.id,
    findingType: row.finding_type,
    title: row.title,
    severityLabel: row.severity_label,
    severityNormalized: row.severity_normalized,
    priority: row.verdict_priority,
    awsAccountId: row.aws_account_id,
    region: row.region,
    resources: row.resources,
    observables: row.observables,
    indicators: row.indicators,
  };
}

/** The part of FINDING_ATTACHED's data that describes the finding (webhooks forward it). */
export function attachedFindingData(f: FindingFacts): Record<string, unknown> {
  return {
    findingId: f.id,
    findingType: f.findingType,
    title: f.title,
    severityLabel: f.severityLabel,
    awsAccountId: f.awsAccountId,
    region: f.region,
  };
}
