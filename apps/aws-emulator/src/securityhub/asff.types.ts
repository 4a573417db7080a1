/** An AWS Security Finding Format object. Only the fields the emulator reads are typed. */
export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  CreatedAt: string;
  UpdatedAt: string;
  Title: string;
  Description: string;
  Types: string[];
  Severity: { Label?: SeverityLabel; Normalized?: number; Product?: number; Original?: string };
  Resources: { Type: string; Id: string; Region?: string; [field: string]: unknown }[];
  [field: string]: unknown;
}

export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];
export const WORKFLOW_STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;
export const RECORD_STATES = ['ACTIVE', 'ARCHIVED'] as const;
export const VERIFICATION_STATES = ['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE'] as const;
