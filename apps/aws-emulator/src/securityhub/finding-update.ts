import {
  SEVERITY_LABELS,
  VERIFICATION_STATES,
  WORKFLOW_STATUSES,
  type AsffFinding,
  type SeverityLabel,
} from './asff.types.js';
import { invalidInput } from './invalid-input.js';
import { labelForNormalized, normalizedForLabel } from './severity.js';

/** The customer-side changes BatchUpdateFindings may carry. */
export interface FindingUpdate {
  Note?: { Text: string; UpdatedBy: string };
  Severity?: { Label?: SeverityLabel; Normalized?: number; Product?: number };
  VerificationState?: string;
  Confidence?: number;
  Criticality?: number;
  Types?: string[];
  UserDefinedFields?: Record<string, string>;
  Workflow?: { Status: string };
  RelatedFindings?: { ProductArn: string; Id: string }[];
}

/** Security Hub still reports the legacy WorkflowState next to Workflow.Status. */
const LEGACY_WORKFLOW_STATE: Record<string, string> = {
  NEW: 'NEW',
  NOTIFIED: 'ASSIGNED',
  RESOLVED: 'RESOLVED',
  SUPPRESSED: 'DEFERRED',
};

/** Validates the update part of a BatchUpdateFindings request; a bad field fails the whole call. */
export function parseFindingUpdate(input: Record<string, unknown>): FindingUpdate {
  const update: FindingUpdate = {
    Note: optional(input.Note, parseNote),
    Severity: optional(input.Severity, parseSeverity),
    VerificationState: optional(input.VerificationState, (value) =>
      oneOf('VerificationState', value, VERIFICATION_STATES),
    ),
    Confidence: optional(input.Confidence, (value) => score('Confidence', value)),
    Criticality: optional(input.Criticality, (value) => score('Criticality', value)),
    Types: optional(input.Types, parseTypes),
    UserDefinedFields: optional(input.UserDefinedFields, parseUserDefinedFields),
    Workflow: optional(input.Workflow, (value) => ({
      Status: oneOf('Workflow.Status', (value as { Status?: unknown } | null)?.Status, WORKFLOW_STATUSES),
    })),
    RelatedFindings: optional(input.RelatedFindings, parseRelatedFindings),
  };
  if (Object.values(update).every((value) => value === undefined)) {
    throw invalidInput('BatchUpdateFindings needs at least one attribute to update');
  }
  return update;
}

/** The finding after the update, with UpdatedAt (and a note's UpdatedAt) set to now. */
export function applyFindingUpdate(finding: AsffFinding, update: FindingUpdate, now: Date): AsffFinding {
  const at = now.toISOString();
  const next: AsffFinding = { ...finding, UpdatedAt: at };
  if (update.Note) next.Note = { ...update.Note, UpdatedAt: at };
  if (update.Severity) next.Severity = mergeSeverity(finding.Severity, update.Severity);
  if (update.Workflow) {
    next.Workflow = { Status: update.Workflow.Status };
    next.WorkflowState = LEGACY_WORKFLOW_STATE[update.Workflow.Status];
  }
  if (update.UserDefinedFields) {
    next.UserDefinedFields = {
      ...(finding.UserDefinedFields as object | undefined),
      ...update.UserDefinedFields,
    };
  }
  const fields: Record<string, unknown> = next;
  for (const field of [
    'VerificationState',
    'Confidence',
    'Criticality',
    'Types',
    'RelatedFindings',
  ] as const) {
    if (update[field] !== undefined) fields[field] = update[field];
  }
  return next;
}

function mergeSeverity(
  current: AsffFinding['Severity'],
  change: NonNullable<FindingUpdate['Severity']>,
): AsffFinding['Severity'] {
  const merged = { ...current };
  if (change.Product !== undefined) merged.Product = change.Product;
  if (change.Label !== undefined) {
    merged.Label = change.Label;
    merged.Normalized = change.Normalized ?? normalizedForLabel(change.Label);
  } else if (change.Normalized !== undefined) {
    merged.Normalized = change.Normalized;
    merged.Label = labelForNormalized(change.Normalized);
  }
  return merged;
}

function optional<T>(value: unknown, parse: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

function parseNote(value: unknown): NonNullable<FindingUpdate['Note']> {
  const { Text, UpdatedBy } = (value ?? {}) as { Text?: unknown; UpdatedBy?: unknown };
  if (!isText(Text, 512) || !isText(UpdatedBy, 512)) {
    throw invalidInput('Note needs Text and UpdatedBy (1-512 characters)');
  }
  return { Text, UpdatedBy };
}

function parseSeverity(value: unknown): NonNullable<FindingUpdate['Severity']> {
  const { Label, Normalized, Product } = (value ?? {}) as Record<string, unknown>;
  if (Label === undefined && Normalized === undefined && Product === undefined) {
    throw invalidInput('Severity needs Label, Normalized or Product');
  }
  if (Product !== undefined && typeof Product !== 'number')
    throw invalidInput('Severity.Product must be a number');
  return {
    Label: optional(Label, (label) => oneOf('Severity.Label', label, SEVERITY_LABELS)),
    Normalized: optional(Normalized, (normalized) => score('Severity.Normalized', normalized)),
    Product,
  };
}

function parseTypes(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 50 || !value.every((type) => isText(type, 128))) {
    throw invalidInput('Types must list up to 50 non-empty strings');
  }
  return value;
}

function parseUserDefinedFields(value: unknown): Record<string, string> {
  const entries =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : null;
  if (!entries || entries.length > 50 || !entries.every(([, field]) => typeof field === 'string')) {
    throw invalidInput('UserDefinedFields must map up to 50 names to strings');
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseRelatedFindings(value: unknown): NonNullable<FindingUpdate['RelatedFindings']> {
  const valid =
    Array.isArray(value) &&
    value.length <= 10 &&
    value.every(
      (item: { ProductArn?: unknown; Id?: unknown }) =>
        isText(item?.ProductArn, 2048) && isText(item?.Id, 512),
    );
  if (!valid) throw invalidInput('RelatedFindings must list up to 10 {ProductArn, Id} pairs');
  return value as NonNullable<FindingUpdate['RelatedFindings']>;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw invalidInput(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function score(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    throw invalidInput(`${name} must be an integer from 0 to 100`);
  }
  return value;
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}
