import type { z } from 'zod';

/** A malformed admin request; the admin API answers it with 400 and this message. */
export class AdminInputError extends Error {
  override name = 'AdminInputError';
}

/** Validates admin input with a schema, turning zod's issues into one readable AdminInputError. */
export function parseAdminInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new AdminInputError(`Invalid ${what}: ${details.join('; ')}`);
}
