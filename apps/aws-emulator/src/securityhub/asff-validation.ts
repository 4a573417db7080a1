import { RECORD_STATES, SEVERITY_LABELS, WORKFLOW_STATUSES } from './asff.types.js';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const PRODUCT_ARN = /^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:(\d{12})?:product\/[^/]+\/[^/]+$/;

/**
 * Lists what is wrong with a finding, using the constraints BatchImportFindings enforces on the
 * required ASFF attributes. An empty list means the finding is importable.
 */
export function validateAsffFinding(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ['Finding must be an object'];
  const finding = value as Record<string, unknown>;
  const problems: string[] = [];
  const requireString = (field: string, maxLength: number, pattern?: RegExp, hint?: string): void => {
    const fieldValue = finding[field];
    if (typeof fieldValue !== 'string' || fieldValue.length === 0) problems.push(`${field} is required`);
    else if (fieldValue.length > maxLength) problems.push(`${field} must be at most ${maxLength} characters`);
    else if (pattern && !pattern.test(fieldValue)) problems.push(`${field} ${hint ?? 'is malformed'}`);
  };

  requireString('SchemaVersion', 64, /^2018-10-08$/, "must be '2018-10-08'");
  requireString('Id', 512);
  requireString('ProductArn', 2048, PRODUCT_ARN, 'must be a Security Hub product ARN');
  requireString('GeneratorId', 512);
  requireString('AwsAccountId', 12, /^\d{12}$/, 'must be a 12-digit account id');
  requireString('Title', 256);
  requireString('Description', 1024);
  for (const field of ['CreatedAt', 'UpdatedAt'])
    requireString(field, 64, ISO_8601, 'must be an ISO 8601 timestamp');
  for (const field of ['FirstObservedAt', 'LastObservedAt']) {
    if (
      finding[field] !== undefined &&
      !(typeof finding[field] === 'string' && ISO_8601.test(finding[field]))
    ) {
      problems.push(`${field} must be an ISO 8601 timestamp`);
    }
  }

  const types = finding.Types;
  if (!Array.isArray(types) || types.length === 0 || types.length > 50) {
    problems.push('Types must list 1 to 50 finding types');
  } else if (!types.every((type) => typeof type === 'string' && type.length > 0)) {
    problems.push('Types must contain non-empty strings');
  }

  problems.push(...severityProblems(finding.Severity));
  problems.push(...resourceProblems(finding.Resources));

  const workflow = finding.Workflow as { Status?: unknown } | undefined;
  if (workflow?.Status !== undefined && !WORKFLOW_STATUSES.includes(workflow.Status as never)) {
    problems.push(`Workflow.Status must be one of ${WORKFLOW_STATUSES.join(', ')}`);
  }
  if (finding.RecordState !== undefined && !RECORD_STATES.includes(finding.RecordState as never)) {
    problems.push(`RecordState must be one of ${RECORD_STATES.join(', ')}`);
  }
  return problems;
}

function severityProblems(severity: unknown): string[] {
  if (typeof severity !== 'object' || severity === null) return ['Severity is required'];
  const { Label, Normalized } = severity as { Label?: unknown; Normalized?: unknown };
  if (Label === undefined && Normalized === undefined)
    return ['Severity must have a Label or a Normalized score'];
  const problems: string[] = [];
  if (Label !== undefined && !SEVERITY_LABELS.includes(Label as never)) {
    problems.push(`Severity.Label must be one of ${SEVERITY_LABELS.join(', ')}`);
  }
  if (
    Normalized !== undefined &&
    !(Number.isInteger(Normalized) && Number(Normalized) >= 0 && Number(Normalized) <= 100)
  ) {
    problems.push('Severity.Normalized must be an integer from 0 to 100');
  }
  return problems;
}

function resourceProblems(resources: unknown): string[] {
  if (!Array.isArray(resources) || resources.length === 0 || resources.length > 32) {
    return ['Resources must list 1 to 32 resources'];
  }
  return resources.flatMap((resource, index) => {
    const { Type, Id } = (resource ?? {}) as { Type?: unknown; Id?: unknown };
    const problems: string[] = [];
    if (typeof Type !== 'string' || Type.length === 0) problems.push(`Resources[${index}].Type is required`);
    if (typeof Id !== 'string' || Id.length === 0) problems.push(`Resources[${index}].Id is required`);
    return problems;
  });
}
