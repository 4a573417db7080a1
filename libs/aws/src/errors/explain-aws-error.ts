/**
 * What an AWS failure means for a customer's role, in words their admin can act on. AWS names its
 * errors per protocol (STS `AccessDenied`, Security Hub `AccessDeniedException`…); this is the one
 * place that knows them.
 */
export type AwsErrorKind =
  /** The role refused Sieve: missing, untrusted, wrong ExternalId, or lacking a permission. */
  | 'access-denied'
  /** The session credentials were refused (expired, revoked): a fresh AssumeRole may help. */
  | 'credentials-rejected'
  /** Sieve's own platform credentials were refused by STS: our problem, not the customer's. */
  | 'platform-credentials'
  | 'service-not-enabled'
  | 'throttled'
  | 'unavailable'
  | 'other';

export interface AwsErrorExplanation {
  /** The AWS error name, e.g. `AccessDeniedException`. */
  code: string;
  kind: AwsErrorKind;
  /** One sentence naming the role and what AWS refused. */
  reason: string;
}

export interface AwsCallContext {
  roleArn: string;
  /** The IAM action of the failed call, e.g. `securityhub:GetFindings`. */
  action: string;
  region?: string;
}

/** Names with which AWS refuses the credentials a call was signed with; re-assuming may cure them. */
const CREDENTIAL_REJECTIONS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);
/** Refusals of the signing identity itself; on AssumeRole that identity is the platform's. */
const SIGNER_REJECTIONS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const UNAVAILABLE = new Set([
  'InternalException',
  'InternalFailure',
  'InternalServerException',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/** The AWS error name of anything thrown by an SDK call (`Error` when it is not an AWS error). */
export function awsErrorCode(error: unknown): string {
  if (error instanceof Error) return error.name;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'Error';
}

/** True when AWS refused the credentials a call was signed with (see CREDENTIAL_REJECTIONS). */
export function isCredentialRejection(error: unknown): boolean {
  return CREDENTIAL_REJECTIONS.has(awsErrorCode(error));
}

export function explainAwsError(error: unknown, context: AwsCallContext): AwsErrorExplanation {
  const code = awsErrorCode(error);
  const { roleArn, action } = context;
  const assuming = action === 'sts:AssumeRole';
  const explain = (kind: AwsErrorKind, reason: string): AwsErrorExplanation => ({ code, kind, reason });

  if (assuming && SIGNER_REJECTIONS.has(code)) {
    return explain(
      'platform-credentials',
      `AWS STS refused Sieve's own credentials (${code}) while assuming ${roleArn}; this is a Sieve configuration problem, not a problem with the role`,
    );
  }
  if (assuming && code === 'AccessDenied') {
    // STS answers the same AccessDenied for every one of these causes and never says which.
    return explain(
      'access-denied',
      `Sieve could not assume ${roleArn}: the role no longer exists or denies sts:AssumeRole to Sieve, or its trust policy does not accept Sieve's ExternalId for this tenant`,
    );
  }
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    return explain(
      'access-denied',
      `The role ${roleArn} lacks ${action}: add it to the role's permissions (Sieve's CloudFormation template grants it)`,
    );
  }
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') {
    return explain(
      'credentials-rejected',
      `AWS refused the session Sieve opened with ${roleArn} as expired or revoked`,
    );
  }
  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException') {
    return explain(
      'credentials-rejected',
      `AWS no longer recognises the session Sieve opened with ${roleArn}: the role may have been deleted or its sessions revoked`,
    );
  }
  if (code === 'InvalidAccessException') {
    const where = context.region ? ` in ${context.region}` : '';
    return explain(
      'service-not-enabled',
      `Security Hub is not enabled${where} for the account of ${roleArn}: enable it there, or remove the region from Sieve`,
    );
  }
  if (THROTTLING.has(code) || statusOf(error) === 429) {
    return explain('throttled', `AWS throttled ${action} for the account of ${roleArn}; Sieve retries later`);
  }
  if (UNAVAILABLE.has(code) || (statusOf(error) ?? 0) >= 500) {
    return explain('unavailable', `AWS could not answer ${action} (${code}); Sieve retries later`);
  }
  return explain('other', `AWS refused ${action} for ${roleArn} with ${code}`);
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
