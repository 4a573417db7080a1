import type { Finding } from '../store/finding.entity.js';
import type { TriageStatus } from '../store/triage-status.js';
import type { Verdict } from '../store/verdict.js';

/** The verdict triage reached, as read by the API; absent until the finding has been triaged. */
export interface FindingVerdictView {
  verdict: Verdict;
  priority: number | null;
  explanation: string | null;
  patternId: string | null;
  patternScope: 'TENANT' | 'GLOBAL' | null;
  at: Date | null;
}

/** A finding as lists show it: no provider JSON, no enrichment. */
export interface FindingView {
  id: string;
  /** Not exposed; lets field resolvers (e.g. `raw`) reopen the right tenant. */
  tenantId: string;
  productArn: string;
  findingId: string;
  source: string;
  awsAccountId: string;
  region: string;
  findingType: string;
  types: string[];
  title: string;
  severityLabel: string;
  severityNormalized: number;
  providerCreatedAt: Date;
  providerUpdatedAt: Date;
  recordState: string | null;
  workflowStatus: string | null;
  occurrences: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  triageStatus: TriageStatus;
  verdict: FindingVerdictView | null;
}

/** One finding with what triage and the provider said about it (`raw` is loaded separately, on request). */
export interface FindingDetailsView extends FindingView {
  resources: unknown[];
  observables: Record<string, unknown>;
  enrichment: Record<string, unknown> | null;
  fingerprint: Record<string, unknown> | null;
}

/** A finding triage gave up on, with why. */
export interface DeadLetterView extends FindingView {
  triageAttempts: number;
  triageError: string | null;
  triageRequestedAt: Date;
}

/** Entity properties a list reads: everything but the (possibly large) JSON columns. */
export const SUMMARY_PROPERTIES = [
  'id',
  'tenantId',
  'productArn',
  'findingId',
  'source',
  'awsAccountId',
  'region',
  'findingType',
  'types',
  'title',
  'severityLabel',
  'severityNormalized',
  'providerCreatedAt',
  'providerUpdatedAt',
  'recordState',
  'workflowStatus',
  'occurrences',
  'firstSeenAt',
  'lastSeenAt',
  'triageStatus',
  'verdict',
  'verdictPriority',
  'verdictExplanation',
  'verdictPatternId',
  'verdictPatternScope',
  'verdictAt',
] as const satisfies readonly (keyof Finding)[];

export const DETAIL_PROPERTIES = [
  ...SUMMARY_PROPERTIES,
  'resources',
  'observables',
  'enrichment',
  'fingerprint',
] as const satisfies readonly (keyof Finding)[];

export const DEAD_LETTER_PROPERTIES = [
  ...SUMMARY_PROPERTIES,
  'triageAttempts',
  'triageError',
  'triageRequestedAt',
] as const satisfies readonly (keyof Finding)[];

/** `alias.property` paths for a query builder's `select`. */
export function selection(alias: string, properties: readonly (keyof Finding)[]): string[] {
  return properties.map((p) => `${alias}.${p}`);
}

export function toFindingView(f: Finding): FindingView {
  return {
    id: f.id,
    tenantId: f.tenantId,
    productArn: f.productArn,
    findingId: f.findingId,
    source: f.source,
    awsAccountId: f.awsAccountId,
    region: f.region,
    findingType: f.findingType,
    types: f.types,
    title: f.title,
    severityLabel: f.severityLabel,
    severityNormalized: f.severityNormalized,
    providerCreatedAt: f.providerCreatedAt,
    providerUpdatedAt: f.providerUpdatedAt,
    recordState: f.recordState,
    workflowStatus: f.workflowStatus,
    occurrences: f.occurrences,
    firstSeenAt: f.firstSeenAt,
    lastSeenAt: f.lastSeenAt,
    triageStatus: f.triageStatus,
    verdict: f.verdict
      ? {
          verdict: f.verdict,
          priority: f.verdictPriority,
          explanation: f.verdictExplanation,
          patternId: f.verdictPatternId,
          patternScope: f.verdictPatternScope,
          at: f.verdictAt,
        }
      : null,
  };
}

export function toFindingDetailsView(f: Finding): FindingDetailsView {
  return {
    ...toFindingView(f),
    resources: f.resources,
    observables: f.observables,
    enrichment: f.enrichment,
    fingerprint: f.fingerprint,
  };
}

export function toDeadLetterView(f: Finding): DeadLetterView {
  return {
    ...toFindingView(f),
    triageAttempts: f.triageAttempts,
    triageError: f.triageError,
    triageRequestedAt: f.triageRequestedAt,
  };
}
