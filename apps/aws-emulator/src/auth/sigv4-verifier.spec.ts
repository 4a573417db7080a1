import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { verifySigV4, type SignedRequest, type SigningSecret } from './sigv4-verifier.js';

const KEY = 'AKIAVERIFIERTEST0001';
const SECRET = 'verifierTestSecretAccessKey0000000000000';
const NOW = Date.parse('2026-03-01T10:00:00.000Z');

interface Unsigned {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** Signs a request exactly as the AWS SDK does, then shapes it like node:http delivers it. */
async function signed(
  request: Unsigned = {},
  options: {
    service?: string;
    sessionToken?: string;
    secret?: string;
    at?: number;
    payloadHash?: boolean;
  } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: options.service ?? 'securityhub',
    region: 'eu-west-1',
    sha256: Sha256,
    applyChecksum: options.payloadHash ?? true,
    credentials: {
      accessKeyId: KEY,
      secretAccessKey: options.secret ?? SECRET,
      sessionToken: options.sessionToken,
    },
  });
  const body = request.body ?? '{"MaxResults":5}';
  const result = await signer.sign(
    {
      method: request.method ?? 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: request.path ?? '/findings',
      query: request.query ?? {},
      headers: { host: '127.0.0.1:4566', 'content-type': 'application/json', ...request.headers },
      body,
    },
    { signingDate: new Date(options.at ?? NOW) },
  );
  const headers = Object.fromEntries(
    Object.entries(result.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    method: result.method,
    rawPath: result.path,
    query: new URLSearchParams(request.query ?? {}),
    headers,
    body: Buffer.from(body),
  };
}

const longTerm = (key: string): SigningSecret | undefined =>
  key === KEY ? { secretAccessKey: SECRET } : undefined;
const verify = (request: SignedRequest, lookup = longTerm, now = NOW) =>
  verifySigV4(request, lookup, { expectedService: 'securityhub', now });

describe('verifySigV4', () => {
  it('accepts a request signed by the SDK signer and reports its credential scope', async () => {
    const result = await verify(await signed({ query: { b: '2', a: 'x y' } }));
    expect(result).toMatchObject({
      ok: true,
      scope: { accessKeyId: KEY, region: 'eu-west-1', service: 'securityhub', date: '20260301' },
    });
  });

  it.each<[string, (request: SignedRequest) => void]>([
    ['body', (request) => (request.body = Buffer.from('{"MaxResults":6}'))],
    ['path', (request) => (request.rawPath = '/findings/import')],
    ['method', (request) => (request.method = 'PATCH')],
    ['query', (request) => request.query.set('extra', '1')],
    ['signed header', (request) => (request.headers['content-type'] = 'text/plain')],
    ['date', (request) => (request.headers['x-amz-date'] = '20260301T100001Z')],
  ])('rejects a request whose %s changed after signing', async (_, tamper) => {
    // Without a payload hash header, only the recomputed signature itself can notice the change.
    const request = await signed({}, { payloadHash: false });
    expect(request.headers['x-amz-content-sha256']).toBeUndefined();
    expect(await verify(request)).toMatchObject({ ok: true });
    tamper(request);
    expect(await verify(request)).toMatchObject({ ok: false, failure: 'badSignature' });
  });

  it('rejects a body that does not match the signed x-amz-content-sha256', async () => {
    const request = await signed();
    request.body = Buffer.from('{"MaxResults":6}');
    expect(await verify(request)).toMatchObject({ ok: false, failure: 'badSignature' });
  });

  it('ignores headers added after signing that were not signed', async () => {
    const request = await signed();
    request.headers['x-forwarded-for'] = '10.0.0.1';
    request.headers['user-agent'] = 'proxy';
    expect(await verify(request)).toMatchObject({ ok: true });
  });

  it('rejects a signature made with another secret', async () => {
    expect(await verify(await signed({}, { secret: 'someone-elses-secret-000000000000' }))).toMatchObject({
      ok: false,
      failure: 'badSignature',
    });
  });

  it('rejects unknown keys and requests without authentication', async () => {
    expect(await verify(await signed(), () => undefined)).toMatchObject({ ok: false, failure: 'unknownKey' });
    const unsigned = await signed();
    delete unsigned.headers.authorization;
    expect(await verify(unsigned)).toMatchObject({ ok: false, failure: 'missingAuth' });
    const garbled = await signed();
    garbled.headers.authorization = 'AWS4-HMAC-SHA256 Credential=AKIA/2026';
    expect(await verify(garbled)).toMatchObject({ ok: false, failure: 'incompleteSignature' });
  });

  it('rejects a credential scoped to another service', async () => {
    expect(await verify(await signed({}, { service: 'sts' }))).toMatchObject({
      ok: false,
      failure: 'badSignature',
      message: expect.stringContaining("'securityhub'"),
    });
  });

  it('rejects signatures more than 15 minutes away from the clock', async () => {
    expect(await verify(await signed({}, { at: NOW - 16 * 60_000 }))).toMatchObject({
      ok: false,
      failure: 'badSignature',
    });
    expect(await verify(await signed({}, { at: NOW + 16 * 60_000 }))).toMatchObject({
      ok: false,
      failure: 'badSignature',
    });
    expect(await verify(await signed({}, { at: NOW - 14 * 60_000 }))).toMatchObject({ ok: true });
  });

  describe('temporary credentials', () => {
    const session = (expiresAt: number) => (key: string) =>
      key === KEY ? { secretAccessKey: SECRET, sessionToken: 'token-1', expiresAt } : undefined;

    it('accepts the matching session token before expiry', async () => {
      expect(await verify(await signed({}, { sessionToken: 'token-1' }), session(NOW + 1))).toMatchObject({
        ok: true,
      });
    });

    it('rejects a missing or different session token as an invalid token', async () => {
      expect(await verify(await signed({}, { sessionToken: 'token-2' }), session(NOW + 1))).toMatchObject({
        ok: false,
        failure: 'unknownKey',
      });
      expect(await verify(await signed(), session(NOW + 1))).toMatchObject({
        ok: false,
        failure: 'unknownKey',
      });
    });

    it('rejects expired credentials with a correct signature as expiredToken', async () => {
      expect(await verify(await signed({}, { sessionToken: 'token-1' }), session(NOW))).toMatchObject({
        ok: false,
        failure: 'expiredToken',
      });
    });
  });
});
