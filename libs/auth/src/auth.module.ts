import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TenancyModule } from '@sieve/tenancy';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { JwtVerifier } from './jwt-verifier.js';
import { TokenIssuer } from './token-issuer.js';

@Module({
  imports: [PassportModule, TenancyModule],
  providers: [JwtVerifier, TokenIssuer, JwtStrategy, ApiKeyStrategy, AuthenticationGuard],
  exports: [TokenIssuer, JwtVerifier, AuthenticationGuard],
})
export class AuthModule {}
