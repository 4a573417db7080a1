import { z } from 'zod';
import { describe } from './zod-issues.js';
import { parseTimestamp } from './timestamp.js';

/** A required, non-blank string of at most `max` characters (ASFF strings match `.*\S.*`). */
export function text(max: number) {
  return z.string().max(max).regex(/\S/, { error: 'must not be blank' });
}

export const accountId = z.string().regex(/^\d{12}$/, {
  error: (issue) => `must be the 12 digits of an AWS account id, got ${describe(issue.input)}`,
});

/** Region codes such as us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1; ASFF caps Region at 16. */
export const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, {
  error: (issue) => `must be an AWS region code such as us-east-1, got ${describe(issue.input)}`,
});

/** A Security Hub / GuardDuty timestamp, parsed to a Date. */
export const timestamp = z.string().transform((value, ctx) => {
  const date = parseTimestamp(value);
  if (date) return date;
  ctx.issues.push({
    code: 'custom',
    input: value,
    message: `must be a timestamp such as 2024-01-31T23:00:00.000Z, got ${describe(value)}`,
  });
  return z.NEVER;
});
