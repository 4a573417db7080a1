import { type AwsRegionTarget, AwsAccessException, explainAwsError } from '@sieve/aws';

/** Shown for failures that are Sieve's own (database, bugs): their details stay in the server log. */
export const INTERNAL_POLL_FAILURE =
  'Sieve could not finish reading Security Hub findings because of an internal error; it retries on the next poll';

/**
 * The `last_error` a customer reads for a failed poll: what AWS refused, naming the role, or a
 * neutral sentence when the failure is on Sieve's side (internal messages are not for customers).
 */
export function pollFailureReason(error: unknown, target: AwsRegionTarget): string {
  if (error instanceof AwsAccessException) return error.message;
  if (isAwsServiceError(error)) {
    return explainAwsError(error, {
      roleArn: target.roleArn,
      action: 'securityhub:GetFindings',
      region: target.region,
    }).reason;
  }
  return INTERNAL_POLL_FAILURE;
}

/** AWS SDK service exceptions carry the HTTP answer's metadata; network and code errors do not. */
function isAwsServiceError(error: unknown): boolean {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number';
}
