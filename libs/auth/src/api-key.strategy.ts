import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { type ApiKeyPrincipal, ErrorCode, SieveException } from '@sieve/core';
import { ApiKeysService } from '@sieve/tenancy';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { presentedApiKey } from './credentials.js';

/** Integrations: an API key, looked up by prefix and checked against its stored hash on every request. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(req: Request): Promise<ApiKeyPrincipal | null> {
    const key = presentedApiKey(req);
    if (!key) return null;
    const principal = await this.apiKeys.authenticate(key);
    if (!principal)
      throw new SieveException(ErrorCode.Unauthenticated, 'API key is unknown, revoked or expired');
    return principal;
  }
}
