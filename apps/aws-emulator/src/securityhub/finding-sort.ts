import type { AsffFinding } from './asff.types.js';
import { FINDING_FIELDS, valuesAt, type FieldKind } from './finding-fields.js';
import { invalidInput } from './invalid-input.js';

export type FindingComparator = (a: AsffFinding, b: AsffFinding) => number;

interface Criterion {
  path: string;
  kind: FieldKind | undefined;
  direction: 1 | -1;
}

const DEFAULT_CRITERIA: Criterion[] = [{ path: 'UpdatedAt', kind: 'date', direction: -1 }];

/**
 * Builds the ordering for GetFindings `SortCriteria` (default: most recently updated first).
 * Field is a filter name (`SeverityNormalized`) or a dotted ASFF path (`Severity.Normalized`).
 * Findings without the field sort last; ties are broken by ProductArn and Id so that the order,
 * and therefore pagination, is deterministic.
 */
export function compileFindingSort(sortCriteria: unknown): FindingComparator {
  const criteria =
    sortCriteria === undefined || sortCriteria === null ? DEFAULT_CRITERIA : parse(sortCriteria);
  return (a, b) => {
    for (const criterion of criteria) {
      const order = compareValues(first(a, criterion), first(b, criterion), criterion.direction);
      if (order !== 0) return order;
    }
    return a.ProductArn.localeCompare(b.ProductArn) || a.Id.localeCompare(b.Id);
  };
}

function parse(sortCriteria: unknown): Criterion[] {
  if (!Array.isArray(sortCriteria)) throw invalidInput('SortCriteria must be a list');
  if (sortCriteria.length === 0) return DEFAULT_CRITERIA;
  return sortCriteria.map((entry: { Field?: unknown; SortOrder?: unknown }) => {
    if (typeof entry?.Field !== 'string' || entry.Field.length === 0) {
      throw invalidInput('SortCriteria entries need a Field');
    }
    if (entry.SortOrder !== undefined && entry.SortOrder !== 'asc' && entry.SortOrder !== 'desc') {
      throw invalidInput(`SortOrder must be 'asc' or 'desc', got '${String(entry.SortOrder)}'`);
    }
    const known = FINDING_FIELDS[entry.Field];
    return {
      path: known?.path ?? entry.Field,
      kind: known?.kind,
      direction: entry.SortOrder === 'desc' ? -1 : 1,
    };
  });
}

function first(finding: AsffFinding, criterion: Criterion): string | number | undefined {
  const [value] = valuesAt(finding, criterion.path);
  if (value === undefined || typeof value === 'boolean')
    return value === undefined ? undefined : String(value);
  return criterion.kind === 'date' ? Date.parse(String(value)) : value;
}

function compareValues(
  a: string | number | undefined,
  b: string | number | undefined,
  direction: 1 | -1,
): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (a === b) return 0;
  return (a < b ? -1 : 1) * direction;
}
