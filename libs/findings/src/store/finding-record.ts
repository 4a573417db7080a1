/** What the store writes for one finding version: the normalised columns plus the raw JSON. */
export interface FindingRecord {
  productArn: string;
  findingId: string;
  source: 'securityhub' | 'guardduty';
  awsAccountId: string;
  region: string;
  findingType: string;
  types: string[];
  title: string;
  severityLabel: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  severityNormalized: number;
  providerCreatedAt: Date;
  providerUpdatedAt: Date;
  recordState: string | null;
  workflowStatus: string | null;
  resources: unknown[];
  observables: Record<string, unknown>;
  raw: Record<string, unknown>;
}

/** The identity of a finding within its tenant. */
export function findingKey(record: Pick<FindingRecord, 'productArn' | 'findingId'>): string {
  return `${record.productArn}\u0000${record.findingId}`;
}
