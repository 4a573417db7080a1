import { webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfigService, ErrorCode, SieveException } from '@sieve/core';
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';

export interface VerifiedToken {
  userId: string;
  tenantId: string | null;
  /** The `exp` claim; null for a token that does not expire. */
  expiresAt: Date | null;
}

/**
 * Verifies people's tokens: signed with our HS256 key by default, or by an external OIDC issuer's keys
 * (`AUTH_JWKS_URI`), with the issuer and audience from config either way.
 */
@Injectable()
export class JwtVerifier {
  private readonly key: Promise<webcrypto.CryptoKey> | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: AppConfigService) {
    const { AUTH_JWKS_URI, JWT_SECRET } = config.values;
    if (AUTH_JWKS_URI) {
      this.key = createRemoteJWKSet(new URL(AUTH_JWKS_URI));
      this.algorithms = ['RS256', 'ES256', 'PS256', 'EdDSA'];
    } else {
      // Imported once: handed raw bytes, jose would import the key again for every request.
      this.key = webcrypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(JWT_SECRET),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      this.key.catch(() => undefined); // a bad key fails each verify, never as an unhandled rejection
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, this.options())
          : await jwtVerify(token, await this.key, this.options()));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new SieveException(ErrorCode.Unauthenticated, 'Token expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new SieveException(
          ErrorCode.Unauthenticated,
          `Token rejected: ${error.claim} claim is not valid`,
        );
      }
      throw new SieveException(ErrorCode.Unauthenticated, 'Token is malformed or its signature is invalid');
    }
    const tenantClaim = payload[this.config.values.AUTH_TENANT_CLAIM];
    if (!payload.sub) throw new SieveException(ErrorCode.Unauthenticated, 'Token has no subject');
    return {
      userId: payload.sub,
      tenantId: typeof tenantClaim === 'string' ? tenantClaim : null,
      expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
    };
  }

  private options() {
    return {
      issuer: this.config.values.JWT_ISSUER,
      audience: this.config.values.JWT_AUDIENCE,
      algorithms: this.algorithms,
    };
  }
}
