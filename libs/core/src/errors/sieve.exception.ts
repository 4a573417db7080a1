/**
 * Codes every domain error maps to. They are the `extensions.code` a GraphQL client sees and decide the
 * HTTP status of a REST answer, so clients branch on them, never on messages.
 */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited = 'RATE_LIMITED',
  /** A customer's AWS role refused what Sieve needs (registration and checks). */
  AwsVerificationFailed = 'AWS_VERIFICATION_FAILED',
  /** A case status change the lifecycle does not allow (details: from, to). */
  InvalidCaseTransition = 'INVALID_CASE_TRANSITION',
  /** Someone else claimed the case first. */
  CaseAlreadyClaimed = 'CASE_ALREADY_CLAIMED',
  /** A pattern's backtest found findings marked TRUE_POSITIVE it would hide: not activated (details: count). */
  PatternBacktestFailed = 'PATTERN_BACKTEST_FAILED',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.AwsVerificationFailed]: 422,
  [ErrorCode.InvalidCaseTransition]: 409,
  [ErrorCode.CaseAlreadyClaimed]: 409,
  [ErrorCode.PatternBacktestFailed]: 422,
  [ErrorCode.Internal]: 500,
};

/** Base of every domain exception; domains subclass it (`TenancyException`, ...) with their own messages. */
export class SieveException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The one answer for "not yours" and "does not exist", so ids from other tenants reveal nothing. */
  static notFound(entity: string, id: string): SieveException {
    return new SieveException(ErrorCode.NotFound, `${entity} ${id} not found`);
  }
}
