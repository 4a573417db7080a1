import { ErrorCode, HTTP_STATUS_BY_CODE } from '@sieve/core';
import type { NextFunction, Request, Response } from 'express';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Errors raised by Express middleware before Nest sees the request (a body over the limit, malformed
 * JSON, an unsupported charset) get the same `{ error: { code, message } }` shape as everything else.
 */
export function httpErrorHandler(
  error: BodyParserError,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) return next(error);
  const [code, message] =
    error.type === 'entity.too.large'
      ? [ErrorCode.PayloadTooLarge, `Request body is larger than the ${error.limit ?? ''} byte limit`]
      : error.type === 'entity.parse.failed'
        ? [ErrorCode.BadUserInput, 'Request body is not valid JSON']
        : error.status && error.status < 500
          ? [error.status === 415 ? ErrorCode.UnsupportedMediaType : ErrorCode.BadUserInput, error.message]
          : [ErrorCode.Internal, 'Internal server error'];
  res.status(HTTP_STATUS_BY_CODE[code]).json({ error: { code, message } });
}
