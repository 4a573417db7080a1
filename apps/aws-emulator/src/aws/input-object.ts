import type { AwsError } from './aws-error.js';

/** The request body as an object, or the service's own "malformed input" error. */
export function inputObject(
  input: unknown,
  malformed: (message: string) => AwsError,
): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw malformed('The request body must be a JSON object');
  return input as Record<string, unknown>;
}
