export { AuthModule } from './auth.module.js';
export { AuthenticationGuard } from './authentication.guard.js';
export { Authenticator } from './authenticator.js';
export { JwtVerifier, type VerifiedToken } from './jwt-verifier.js';
export { TokenIssuer } from './token-issuer.js';
export { bearerToken, presentedApiKey, presentedJwt } from './credentials.js';
