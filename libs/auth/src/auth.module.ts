import { Module } from '@nestjs/common';
import { TenancyModule } from '@sieve/tenancy';
import { AuthenticationGuard } from './authentication.guard.js';
import { Authenticator } from './authenticator.js';
import { JwtVerifier } from './jwt-verifier.js';
import { PrincipalEpoch } from './principal-epoch.js';
import { TokenIssuer } from './token-issuer.js';

@Module({
  imports: [TenancyModule],
  providers: [JwtVerifier, TokenIssuer, PrincipalEpoch, Authenticator, AuthenticationGuard],
  exports: [TokenIssuer, JwtVerifier, Authenticator, AuthenticationGuard],
})
export class AuthModule {}
