import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { parseAuthorizationHeader, type CredentialScope } from './authorization-header.js';

export interface SignedRequest {
  method: string;
  /** Path exactly as it came on the wire (still percent-encoded), which is what the client signed. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SigningSecret {
  secretAccessKey: string;
  /** Present for temporary credentials: the request must carry the same `x-amz-security-token`. */
  sessionToken?: string;
  /** Epoch ms after which the credentials are expired (temporary credentials only). */
  expiresAt?: number;
}

export type VerificationFailureKind =
  'missingAuth' | 'incompleteSignature' | 'badSignature' | 'unknownKey' | 'expiredToken';

export type VerificationResult<Secret> =
  | { ok: true; secret: Secret; scope: CredentialScope }
  | { ok: false; failure: VerificationFailureKind; message: string };

export interface VerifyOptions {
  /** Signing name the routed operation belongs to; a request scoped to another service is refused. */
  expectedService: string;
  now: number;
}

/** AWS refuses requests whose signing time is more than 15 minutes away from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * Verifies a SigV4-signed request the way AWS does: it recomputes the signature with the secret it
 * holds for the access key (using the same signer the SDK uses) and compares. Only the headers the
 * client listed in SignedHeaders take part, so proxies adding headers do not break verification.
 */
export async function verifySigV4<Secret extends SigningSecret>(
  request: SignedRequest,
  lookupSecret: (accessKeyId: string) => Secret | undefined,
  options: VerifyOptions,
): Promise<VerificationResult<Secret>> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    return { ok: false, failure: 'missingAuth', message: 'Request is missing Authentication Token' };
  }
  const parsed = parseAuthorizationHeader(authorization);
  if ('problem' in parsed) return { ok: false, failure: 'incompleteSignature', message: parsed.problem };
  const { scope, signedHeaders, signature } = parsed;

  const amzDate = singleHeader(request.headers, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signingDate === undefined) {
    return {
      ok: false,
      failure: 'incompleteSignature',
      message: 'Request must contain a valid X-Amz-Date header.',
    };
  }
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
    return {
      ok: false,
      failure: 'incompleteSignature',
      message: "'Host' and 'X-Amz-Date' must be signed headers.",
    };
  }
  if (scope.date !== amzDate.slice(0, 8)) {
    return {
      ok: false,
      failure: 'badSignature',
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}'`,
    };
  }
  if (Math.abs(options.now - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    return {
      ok: false,
      failure: 'badSignature',
      message: `Signature expired: ${amzDate} is outside the 15 min window.`,
    };
  }
  if (scope.service !== options.expectedService) {
    return {
      ok: false,
      failure: 'badSignature',
      message: `Credential should be scoped to correct service: '${options.expectedService}'.`,
    };
  }

  const secret = lookupSecret(scope.accessKeyId);
  if (secret === undefined) return { ok: false, failure: 'unknownKey', message: INVALID_TOKEN };
  const presentedToken = singleHeader(request.headers, 'x-amz-security-token');
  if (presentedToken !== secret.sessionToken)
    return { ok: false, failure: 'unknownKey', message: INVALID_TOKEN };

  const declaredPayloadHash = singleHeader(request.headers, 'x-amz-content-sha256');
  if (declaredPayloadHash !== undefined && declaredPayloadHash !== sha256Hex(request.body)) {
    return {
      ok: false,
      failure: 'badSignature',
      message: 'The provided x-amz-content-sha256 header does not match what was computed.',
    };
  }

  const expected = await computeSignature(request, scope, signedHeaders, signingDate, secret);
  if (!constantTimeEquals(expected, signature)) {
    return { ok: false, failure: 'badSignature', message: SIGNATURE_MISMATCH };
  }
  if (secret.expiresAt !== undefined && secret.expiresAt <= options.now) {
    return {
      ok: false,
      failure: 'expiredToken',
      message: 'The security token included in the request is expired',
    };
  }
  return { ok: true, secret, scope };
}

async function computeSignature(
  request: SignedRequest,
  scope: CredentialScope,
  signedHeaders: string[],
  signingDate: Date,
  secret: SigningSecret,
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = singleHeader(request.headers, name) ?? '';
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    sha256: Sha256,
    // The signer would add a content-hash header the client may not have signed; the client's own
    // x-amz-content-sha256 (if signed) is already among the headers copied above.
    applyChecksum: false,
    credentials: {
      accessKeyId: scope.accessKeyId,
      secretAccessKey: secret.secretAccessKey,
      // Only hand the token to the signer when the client signed it, or it would add the header.
      sessionToken: signedHeaders.includes('x-amz-security-token') ? secret.sessionToken : undefined,
    },
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: request.rawPath,
      query: queryRecord(request.query),
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const match = /Signature=([0-9a-f]+)/.exec(signed.headers.authorization ?? '');
  return match?.[1] ?? '';
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
