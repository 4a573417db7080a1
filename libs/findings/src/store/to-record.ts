import type { NormalizedFinding } from '../normalize/normalized-finding.js';
import type { FindingRecord } from './finding-record.js';

/** The columns stored for a normalised finding (observables and resources as JSON). */
export function toRecord(finding: NormalizedFinding): FindingRecord {
  return {
    productArn: finding.productArn,
    findingId: finding.findingId,
    source: finding.source,
    awsAccountId: finding.awsAccountId,
    region: finding.region,
    findingType: finding.findingType,
    types: finding.types,
    title: finding.title,
    severityLabel: finding.severityLabel,
    severityNormalized: finding.severityNormalized,
    providerCreatedAt: finding.createdAt,
    providerUpdatedAt: finding.updatedAt,
    recordState: finding.recordState,
    workflowStatus: finding.workflowStatus,
    resources: finding.resources,
    observables: { ...finding.observables },
    raw: finding.raw,
  };
}
