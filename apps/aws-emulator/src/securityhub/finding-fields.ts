import type { AsffFinding } from './asff.types.js';

export type FieldKind = 'string' | 'date' | 'number';

export interface FindingField {
  kind: FieldKind;
  /** Dotted ASFF path; arrays on the way are flattened, so `Resources.Id` yields every resource id. */
  path: string;
}

/**
 * Finding attributes the emulator can filter and sort on, by their AwsSecurityFindingFilters name.
 * Names AWS supports but that are missing here are refused rather than silently ignored.
 */
export const FINDING_FIELDS: Record<string, FindingField> = {
  Id: { kind: 'string', path: 'Id' },
  ProductArn: { kind: 'string', path: 'ProductArn' },
  ProductName: { kind: 'string', path: 'ProductName' },
  CompanyName: { kind: 'string', path: 'CompanyName' },
  AwsAccountId: { kind: 'string', path: 'AwsAccountId' },
  Region: { kind: 'string', path: 'Region' },
  GeneratorId: { kind: 'string', path: 'GeneratorId' },
  Type: { kind: 'string', path: 'Types' },
  Title: { kind: 'string', path: 'Title' },
  Description: { kind: 'string', path: 'Description' },
  SourceUrl: { kind: 'string', path: 'SourceUrl' },
  RecordState: { kind: 'string', path: 'RecordState' },
  WorkflowStatus: { kind: 'string', path: 'Workflow.Status' },
  WorkflowState: { kind: 'string', path: 'WorkflowState' },
  VerificationState: { kind: 'string', path: 'VerificationState' },
  SeverityLabel: { kind: 'string', path: 'Severity.Label' },
  ComplianceStatus: { kind: 'string', path: 'Compliance.Status' },
  ComplianceSecurityControlId: { kind: 'string', path: 'Compliance.SecurityControlId' },
  ResourceId: { kind: 'string', path: 'Resources.Id' },
  ResourceType: { kind: 'string', path: 'Resources.Type' },
  ResourceRegion: { kind: 'string', path: 'Resources.Region' },
  ResourcePartition: { kind: 'string', path: 'Resources.Partition' },
  CreatedAt: { kind: 'date', path: 'CreatedAt' },
  UpdatedAt: { kind: 'date', path: 'UpdatedAt' },
  FirstObservedAt: { kind: 'date', path: 'FirstObservedAt' },
  LastObservedAt: { kind: 'date', path: 'LastObservedAt' },
  ProcessedAt: { kind: 'date', path: 'ProcessedAt' },
  SeverityNormalized: { kind: 'number', path: 'Severity.Normalized' },
  SeverityProduct: { kind: 'number', path: 'Severity.Product' },
  Confidence: { kind: 'number', path: 'Confidence' },
  Criticality: { kind: 'number', path: 'Criticality' },
};

/** Every scalar found at a dotted path, flattening arrays along the way. */
export function valuesAt(finding: AsffFinding, path: string): (string | number | boolean)[] {
  let current: unknown[] = [finding];
  for (const segment of path.split('.')) {
    current = current.flatMap((value) => {
      if (typeof value !== 'object' || value === null) return [];
      const next = (value as Record<string, unknown>)[segment];
      return Array.isArray(next) ? next : next === undefined || next === null ? [] : [next];
    });
  }
  return current.filter((value): value is string | number | boolean =>
    ['string', 'number', 'boolean'].includes(typeof value),
  );
}
