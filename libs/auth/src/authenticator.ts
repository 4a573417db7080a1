import { Injectable } from '@nestjs/common';
import { Clock, ErrorCode, type Principal, SieveException } from '@sieve/core';
import { ApiKeysService, ApiKeyUsageService, UserPrincipalsService } from '@sieve/tenancy';
import type { Request } from 'express';
import { presentedApiKey, presentedJwt } from './credentials.js';
import { JwtVerifier } from './jwt-verifier.js';
import { PrincipalCache } from './principal-cache.js';
import { PrincipalEpoch } from './principal-epoch.js';

/**
 * Who a request's credential is: an API key (integrations) or a bearer JWT (people). A principal is built
 * from the database the first time a credential is seen and reused while the principal epoch has not
 * moved, so a revoked key, a disabled person or a removed membership or assignment is refused on the
 * next request, in every API process, at the cost of one small read per request (shared by concurrent
 * requests) instead of the several that build a principal.
 */
@Injectable()
export class Authenticator {
  private readonly cache = new PrincipalCache();

  constructor(
    private readonly epoch: PrincipalEpoch,
    private readonly verifier: JwtVerifier,
    private readonly principals: UserPrincipalsService,
    private readonly apiKeys: ApiKeysService,
    private readonly usage: ApiKeyUsageService,
    private readonly clock: Clock,
  ) {}

  /** The principal of the request's credential; null when it carries none; an error when it is bad. */
  async authenticate(req: Request): Promise<Principal | null> {
    const key = presentedApiKey(req);
    if (key) return this.apiKey(key);
    const token = presentedJwt(req);
    return token ? this.jwt(token) : null;
  }

  private async apiKey(key: string): Promise<Principal> {
    // The epoch is read before anything else: a principal built after it may only be newer.
    const epoch = this.epoch.current();
    const cacheKey = PrincipalCache.keyOf('api-key', key);
    const now = this.clock.now();
    const cached = this.cache.get(cacheKey, await epoch, now.getTime());
    if (cached?.kind === 'api-key') {
      await this.usage.record(cached.tenantId, cached.apiKeyId, now);
      return cached;
    }
    const found = await this.apiKeys.authenticateWithExpiry(key);
    if (!found) throw new SieveException(ErrorCode.Unauthenticated, 'API key is unknown, revoked or expired');
    this.cache.set(cacheKey, found.principal, await epoch, now.getTime(), found.expiresAt);
    return found.principal;
  }

  private async jwt(token: string): Promise<Principal> {
    const epoch = this.epoch.current();
    const cacheKey = PrincipalCache.keyOf('jwt', token);
    // A cached token was verified byte for byte before; only its expiry can have changed since (jose
    // checks it against the system time, so the cache does too).
    const cached = this.cache.get(cacheKey, await epoch, Date.now());
    if (cached) return cached;
    const verified = await this.verifier.verify(token);
    const principal = await this.principals.resolve(verified.userId, verified.tenantId);
    if (!principal) {
      throw new SieveException(
        ErrorCode.Unauthenticated,
        'Token subject is unknown, disabled, or not a member of its tenant',
      );
    }
    this.cache.set(cacheKey, principal, await epoch, Date.now(), verified.expiresAt);
    return principal;
  }
}
