import { Injectable } from '@nestjs/common';
import { JwtVerifier } from '@sieve/auth';
import { Clock, ErrorCode, type Principal, SieveException } from '@sieve/core';
import { ApiKeysService, UserPrincipalsService } from '@sieve/tenancy';
import { SubscriberSession } from './subscriber-session.js';

/**
 * The credential a graphql-ws client sends in `connectionParams`: the same ones the HTTP API takes,
 * `{ authorization: "Bearer <jwt | api key>" }` or `{ "x-api-key": "<key>" }`.
 */
export function presentedCredential(params: Readonly<Record<string, unknown>> | undefined): string | null {
  if (!params) return null;
  const header = params.authorization ?? params.Authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const key = params['x-api-key'] ?? params.apiKey;
  return typeof key === 'string' && key.trim() ? key.trim() : null;
}

/**
 * Authenticates subscription connections with the HTTP API's own checks: API keys by hash (unknown,
 * revoked or expired ones refused), JWTs by signature and claims, and people resolved from the database so
 * that a disabled person or a removed membership or assignment is refused.
 */
@Injectable()
export class SubscriptionAuthenticator {
  constructor(
    private readonly jwt: JwtVerifier,
    private readonly principals: UserPrincipalsService,
    private readonly apiKeys: ApiKeysService,
    private readonly clock: Clock,
  ) {}

  /** A session for a new connection; throws UNAUTHENTICATED when its credential does not hold. */
  async open(params: Readonly<Record<string, unknown>> | undefined): Promise<SubscriberSession> {
    const credential = presentedCredential(params);
    if (!credential) {
      throw new SieveException(
        ErrorCode.Unauthenticated,
        'Send { authorization: "Bearer <token>" } or { "x-api-key": "<key>" } as connectionParams',
      );
    }
    return new SubscriberSession(credential, await this.authenticate(credential), this.clock.now(), this);
  }

  async authenticate(credential: string): Promise<Principal> {
    if (credential.startsWith('sv_')) {
      const principal = await this.apiKeys.authenticate(credential);
      if (!principal)
        throw new SieveException(ErrorCode.Unauthenticated, 'API key is unknown, revoked or expired');
      return principal;
    }
    const verified = await this.jwt.verify(credential);
    const principal = await this.principals.resolve(verified.userId, verified.tenantId);
    if (!principal) {
      throw new SieveException(
        ErrorCode.Unauthenticated,
        'Token subject is unknown, disabled, or not a member of its tenant',
      );
    }
    return principal;
  }

  now(): Date {
    return this.clock.now();
  }
}
