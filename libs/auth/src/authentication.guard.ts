import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, PUBLIC_KEY, SieveException, requestOf } from '@sieve/core';
import { Authenticator } from './authenticator.js';

/**
 * Authenticates every request with whichever credential it carries (API key or JWT), for REST and
 * GraphQL alike. A present but bad credential is an error with its reason; no credential is an error
 * too, except on @Public handlers.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]))
      return true;
    const request = requestOf(context);
    if (request.user) return true; // already authenticated earlier in this request (e.g. batched GraphQL)
    const principal = await this.authenticator.authenticate(request);
    if (!principal) {
      throw new SieveException(
        ErrorCode.Unauthenticated,
        'Authentication required: send "Authorization: Bearer <token>" or an "X-Api-Key" header',
      );
    }
    request.user = principal;
    return true;
  }
}
