import { type ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, HTTP_STATUS_BY_CODE, SieveException } from './sieve.exception.js';

const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
};

/** Reduces anything thrown to a code and a message a client may see; internals are logged, not leaked. */
export function toSieveException(error: unknown, logger: Logger): SieveException {
  if (error instanceof SieveException) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? ([] as unknown[]).concat((body as { message: unknown }).message).join('; ')
        : error.message;
    return new SieveException(CODE_BY_HTTP_STATUS[status] ?? ErrorCode.Internal, message);
  }
  logger.error({ err: error }, 'unhandled error');
  return new SieveException(ErrorCode.Internal, 'Internal server error');
}

/**
 * The single place where domain exception codes become transport errors: `extensions.code` for
 * GraphQL, a status and `{ error: { code, message } }` body for REST.
 */
@Catch()
export class SieveExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): unknown {
    const exception = toSieveException(error, this.logger);
    if (host.getType<string>() === 'graphql') {
      return new GraphQLError(exception.message, {
        extensions: { code: exception.code, ...(exception.details ? { details: exception.details } : {}) },
      });
    }
    const response = host.switchToHttp().getResponse<Response>();
    response.status(HTTP_STATUS_BY_CODE[exception.code]).json({
      error: { code: exception.code, message: exception.message, ...(exception.details ?? {}) },
    });
    return undefined;
  }
}
