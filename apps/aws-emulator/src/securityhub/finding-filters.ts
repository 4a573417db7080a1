import type { AsffFinding } from './asff.types.js';
import { FINDING_FIELDS, valuesAt, type FindingField } from './finding-fields.js';
import { invalidInput } from './invalid-input.js';

export type FindingPredicate = (finding: AsffFinding) => boolean;

const POSITIVE = ['EQUALS', 'PREFIX', 'CONTAINS'] as const;
const NEGATIVE = ['NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'NOT_CONTAINS'] as const;
type Comparison = (typeof POSITIVE)[number] | (typeof NEGATIVE)[number];

interface StringFilter {
  value: string;
  comparison: Comparison;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Compiles GetFindings `Filters` into one predicate, with Security Hub's semantics: fields are
 * ANDed; within a field EQUALS/PREFIX/CONTAINS values are ORed and NOT_EQUALS/PREFIX_NOT_EQUALS/
 * NOT_CONTAINS values are ANDed; date and number entries of one field are ORed.
 * Throws InvalidInputException for malformed filters and combinations AWS refuses.
 */
export function compileFindingFilters(filters: unknown, now: number): FindingPredicate {
  if (filters === undefined || filters === null) return () => true;
  if (typeof filters !== 'object' || Array.isArray(filters)) throw invalidInput('Filters must be an object');
  const predicates = Object.entries(filters).flatMap(([name, entries]): FindingPredicate[] => {
    const field = FINDING_FIELDS[name];
    if (!field) throw invalidInput(`Filter '${name}' is not supported by the AWS emulator`);
    if (!Array.isArray(entries)) throw invalidInput(`Filter '${name}' must be a list`);
    if (entries.length === 0) return [];
    switch (field.kind) {
      case 'string':
        return [stringPredicate(name, field, entries)];
      case 'date':
        return [anyOf(entries.map((entry) => datePredicate(name, field, entry, now)))];
      case 'number':
        return [anyOf(entries.map((entry) => numberPredicate(name, field, entry)))];
    }
  });
  return (finding) => predicates.every((predicate) => predicate(finding));
}

function anyOf(predicates: FindingPredicate[]): FindingPredicate {
  return (finding) => predicates.some((predicate) => predicate(finding));
}

function stringPredicate(name: string, field: FindingField, entries: unknown[]): FindingPredicate {
  const filters = entries.map((entry) => parseStringFilter(name, entry));
  const comparisons = new Set(filters.map((filter) => filter.comparison));
  if (comparisons.has('EQUALS') && (comparisons.has('NOT_EQUALS') || comparisons.has('PREFIX_NOT_EQUALS'))) {
    throw invalidInput(`Filter '${name}' cannot combine EQUALS with NOT_EQUALS or PREFIX_NOT_EQUALS`);
  }
  for (const only of ['CONTAINS', 'NOT_CONTAINS'] as const) {
    if (comparisons.has(only) && comparisons.size > 1) {
      throw invalidInput(`Filter '${name}' can combine ${only} only with other ${only} filters`);
    }
  }
  const positives = filters.filter((filter) => (POSITIVE as readonly string[]).includes(filter.comparison));
  const negatives = filters.filter((filter) => (NEGATIVE as readonly string[]).includes(filter.comparison));
  return (finding) => {
    const values = valuesAt(finding, field.path).map(String);
    const positiveOk =
      positives.length === 0 || positives.some((filter) => values.some((v) => matches(v, filter)));
    return positiveOk && negatives.every((filter) => values.every((v) => matches(v, filter)));
  };
}

function parseStringFilter(name: string, entry: unknown): StringFilter {
  const { Value, Comparison } = (entry ?? {}) as { Value?: unknown; Comparison?: unknown };
  if (typeof Value !== 'string') throw invalidInput(`Filter '${name}' needs a string Value`);
  if (![...POSITIVE, ...NEGATIVE].includes(Comparison as Comparison)) {
    throw invalidInput(
      `Filter '${name}' has Comparison '${String(Comparison)}'; expected one of ${[...POSITIVE, ...NEGATIVE].join(', ')}`,
    );
  }
  return { value: Value, comparison: Comparison as Comparison };
}

/** For a negative comparison, true means the value does NOT hit the excluded value. */
function matches(value: string, filter: StringFilter): boolean {
  switch (filter.comparison) {
    case 'EQUALS':
      return value === filter.value;
    case 'PREFIX':
      return value.startsWith(filter.value);
    case 'CONTAINS':
      return value.includes(filter.value);
    case 'NOT_EQUALS':
      return value !== filter.value;
    case 'PREFIX_NOT_EQUALS':
      return !value.startsWith(filter.value);
    case 'NOT_CONTAINS':
      return !value.includes(filter.value);
  }
}

function datePredicate(name: string, field: FindingField, entry: unknown, now: number): FindingPredicate {
  const { Start, End, DateRange } = (entry ?? {}) as { Start?: unknown; End?: unknown; DateRange?: unknown };
  if (Start === undefined && End === undefined && DateRange === undefined) {
    throw invalidInput(`Filter '${name}' needs Start, End or DateRange`);
  }
  let from = Start === undefined ? -Infinity : parseDate(name, 'Start', Start);
  const to = End === undefined ? Infinity : parseDate(name, 'End', End);
  if (DateRange !== undefined) {
    const { Value, Unit } = DateRange as { Value?: unknown; Unit?: unknown };
    if (Unit !== 'DAYS') throw invalidInput(`Filter '${name}' DateRange.Unit must be DAYS`);
    if (typeof Value !== 'number' || !Number.isInteger(Value) || Value < 0) {
      throw invalidInput(`Filter '${name}' DateRange.Value must be a non-negative integer`);
    }
    from = Math.max(from, now - Value * DAY_MS);
  }
  return (finding) =>
    valuesAt(finding, field.path).some((value) => {
      const time = Date.parse(String(value));
      return time >= from && time <= to && (DateRange === undefined || time <= now);
    });
}

function parseDate(name: string, part: string, value: unknown): number {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw invalidInput(`Filter '${name}' ${part} must be an ISO 8601 timestamp`);
  return time;
}

function numberPredicate(name: string, field: FindingField, entry: unknown): FindingPredicate {
  const bounds = (entry ?? {}) as Record<string, unknown>;
  const checks: ((value: number) => boolean)[] = [];
  const comparators: Record<string, (value: number, bound: number) => boolean> = {
    Eq: (value, bound) => value === bound,
    Gte: (value, bound) => value >= bound,
    Lte: (value, bound) => value <= bound,
    Gt: (value, bound) => value > bound,
    Lt: (value, bound) => value < bound,
  };
  for (const [key, bound] of Object.entries(bounds)) {
    const compare = comparators[key];
    if (!compare || typeof bound !== 'number')
      throw invalidInput(`Filter '${name}' has an invalid bound '${key}'`);
    checks.push((value) => compare(value, bound));
  }
  if (checks.length === 0) throw invalidInput(`Filter '${name}' needs Eq, Gte, Lte, Gt or Lt`);
  return (finding) =>
    valuesAt(finding, field.path).some(
      (value) => typeof value === 'number' && checks.every((check) => check(value)),
    );
}
