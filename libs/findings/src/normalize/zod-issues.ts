import type { z } from 'zod';

/**
 * Turns zod issues into sentences that name the field, e.g. `Resources[0].Id: required` or
 * `AwsAccountId: must be the 12 digits of an AWS account id, got "12345678901"`. The map is passed per parse
 * (never installed globally) so other libraries keep zod's own wording.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'required'
        : `must be ${article(issue.expected)}, got ${describe(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must contain at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') {
        const unit = issue.origin === 'string' ? 'characters' : 'items';
        const got = (issue.input as { length: number } | undefined)?.length;
        return `must be at most ${issue.maximum} ${unit}, got ${got}`;
      }
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.join(', ')}, got ${describe(issue.input)}`;
    default:
      return undefined;
  }
};

/** One sentence per issue, prefixed with the field path (or `root` when the input itself is wrong). */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root: string): string[] {
  return issues.map((issue) => `${fieldPath(issue.path) || root}: ${issue.message}`);
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** A short, safe rendering of a bad value for an error message: a finding can carry megabytes of text. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

function article(expected: string): string {
  const noun = expected === 'int' ? 'integer' : expected === 'record' ? 'object' : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
