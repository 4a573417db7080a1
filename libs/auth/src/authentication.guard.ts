import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ErrorCode, PUBLIC_KEY, type Principal, SieveException, requestOf } from '@sieve/core';

/**
 * Authenticates every request with whichever credential it carries (API key or JWT), for REST and
 * GraphQL alike. A present but bad credential is an error with its reason; no credential is an error
 * too, except on @Public handlers.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['api-key', 'jwt']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]))
      return true;
    const request = requestOf(context);
    if (request.user) return true; // already authenticated earlier in this request (e.g. batched GraphQL)
    return (await super.canActivate(context)) as boolean;
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override handleRequest<T = Principal>(error: unknown, principal: T | false): T {
    if (error) throw error;
    if (!principal) {
      throw new SieveException(
        ErrorCode.Unauthenticated,
        'Authentication required: send "Authorization: Bearer <token>" or an "X-Api-Key" header',
      );
    }
    return principal;
  }
}
