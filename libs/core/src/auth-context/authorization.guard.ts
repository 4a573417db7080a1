import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, SieveException } from '../errors/sieve.exception.js';
import { ACCESS_KEY, PLATFORM_ROLE_KEY, PUBLIC_KEY } from './access.decorators.js';
import { accessInTenant } from './principal.js';
import { requestOf } from './request-of.js';
import type { Access, PlatformRole } from './roles.js';

/**
 * Runs after authentication: every handler needs a principal unless it is @Public, and declared access
 * or platform roles are checked here, for REST and GraphQL alike.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const principal = requestOf(context).user;
    if (!principal) throw new SieveException(ErrorCode.Unauthenticated, 'Authentication required');

    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(PLATFORM_ROLE_KEY, targets);
    if (
      roles &&
      !(principal.kind === 'user' && principal.platformRole && roles.includes(principal.platformRole))
    ) {
      throw new SieveException(ErrorCode.Forbidden, `Requires platform role ${roles.join(' or ')}`);
    }

    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, targets);
    if (access) {
      if (!principal.tenantId) {
        throw new SieveException(ErrorCode.Forbidden, 'These credentials are not bound to a tenant');
      }
      if (!accessInTenant(principal).has(access)) {
        throw new SieveException(ErrorCode.Forbidden, `Requires ${access} access to the tenant`);
      }
    }
    return true;
  }
}
