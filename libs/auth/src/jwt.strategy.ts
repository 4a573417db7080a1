import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ErrorCode, SieveException, type UserPrincipal } from '@sieve/core';
import { UserPrincipalsService } from '@sieve/tenancy';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { presentedJwt } from './credentials.js';
import { JwtVerifier } from './jwt-verifier.js';

/** People: a bearer JWT whose subject is a user and whose tenant claim picks the tenant they act in. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly principals: UserPrincipalsService,
  ) {
    super();
  }

  async validate(req: Request): Promise<UserPrincipal | null> {
    const token = presentedJwt(req);
    if (!token) return null;
    const verified = await this.verifier.verify(token);
    const principal = await this.principals.resolve(verified.userId, verified.tenantId);
    if (!principal) {
      throw new SieveException(
        ErrorCode.Unauthenticated,
        'Token subject is unknown, disabled, or not a member of its tenant',
      );
    }
    return principal;
  }
}
