import { Injectable } from '@nestjs/common';
import { AppConfigService, Clock, ErrorCode, SieveException } from '@sieve/core';
import { SignJWT } from 'jose';

/**
 * Mints HS256 tokens for people (development, the CLI, tests). With an external OIDC issuer configured,
 * people get their tokens there and this refuses.
 */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  async issue(subject: { userId: string; tenantId?: string | null }, ttlSeconds?: number): Promise<string> {
    const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_TTL_SECONDS, AUTH_TENANT_CLAIM } = this.config.values;
    if (!JWT_SECRET)
      throw new SieveException(ErrorCode.Internal, 'Tokens are issued by the external OIDC provider');
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims = subject.tenantId ? { [AUTH_TENANT_CLAIM]: subject.tenantId } : {};
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.userId)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (ttlSeconds ?? JWT_TTL_SECONDS))
      .sign(new TextEncoder().encode(JWT_SECRET));
  }
}
