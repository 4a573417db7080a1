import type { NestExpressApplication } from '@nestjs/platform-express';
import { SignJWT } from 'jose';
import request from 'supertest';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

/** Each bad request gets a clear error code, and the server keeps answering. */
describe('bad input', () => {
  let app: NestExpressApplication;
  let tenant: SeededTenant;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await seedTenant(app, 'bad');
  });

  afterEach(async () => {
    const alive = await gql(app, tenant.adminToken, '{ me { kind } }');
    expect(alive.body.data.me.kind).toBe('user');
  });

  afterAll(async () => {
    await app.close();
  });

  const post = () => request(app.getHttpServer()).post('/graphql');

  it('malformed GraphQL → GRAPHQL_PARSE_FAILED', async () => {
    const res = await gql(app, tenant.adminToken, '{ me { kind ');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('unknown field → GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await gql(app, tenant.adminToken, '{ me { password } }');
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a query over the depth limit is refused before it runs', async () => {
    let selection = 'id';
    for (let i = 0; i < 12; i++) selection = `user { ${selection} }`;
    const deep = `{ members { edges { node { ${selection} } } } }`;
    const res = await gql(app, tenant.adminToken, deep);
    expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth/);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a query over the complexity limit is refused', async () => {
    const aliases = Array.from(
      { length: 40 },
      (_, i) => `m${i}: members(first: 100) { edges { node { role createdAt } } }`,
    );
    const res = await gql(app, tenant.adminToken, `{ ${aliases.join(' ')} }`);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('invalid arguments name the field', async () => {
    const res = await gql(app, tenant.adminToken, '{ members(first: 101) { edges { cursor } } }');
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/first/);
    const cursor = await gql(app, tenant.adminToken, '{ members(after: "garbage") { edges { cursor } } }');
    expect(cursor.body.errors[0]).toMatchObject({
      message: 'Invalid cursor',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('a body over the size limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post()
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${tenant.adminToken}`)
      .send(JSON.stringify({ query: '{ me { kind } }', padding: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('malformed JSON → 400 BAD_USER_INPUT', async () => {
    const res = await post().set('content-type', 'application/json').send('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'Request body is not valid JSON' });
  });

  it('a wrong content type is refused', async () => {
    const res = await post()
      .set('content-type', 'text/plain')
      .set('authorization', `Bearer ${tenant.adminToken}`)
      .send('{ me { kind } }');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body ?? res.text) + res.text).toMatch(/content-type|Content-Type|CSRF/i);
  });

  it('no credentials → UNAUTHENTICATED', async () => {
    const res = await gql(app, null, '{ me { kind } }');
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an expired JWT → UNAUTHENTICATED "Token expired"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ tid: tenant.tenant.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(tenant.adminUserId)
      .setIssuer('sieve')
      .setAudience('sieve-api')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(process.env.JWT_SECRET));
    const res = await gql(app, expired, '{ me { kind } }');
    expect(res.body.errors[0]).toMatchObject({
      message: 'Token expired',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('a forged JWT (other key, alg none, tampered payload) → UNAUTHENTICATED', async () => {
    const forged = await new SignJWT({ tid: tenant.tenant.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(tenant.adminUserId)
      .setIssuer('sieve')
      .setAudience('sieve-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-server-secret-not-the-server-secret'));
    const [header, , signature] = tenant.adminToken.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: tenant.adminUserId, tid: tenant.tenant.id, platform: 'x' })).toString('base64url')}.${signature}`;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${tenant.adminToken.split('.')[1]}.`;
    for (const token of [forged, tampered, none, 'not-a-jwt']) {
      const res = await gql(app, token, '{ me { kind } }');
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a token for a tenant the person does not belong to → UNAUTHENTICATED', async () => {
    const other = await seedTenant(app, 'other');
    const [, payload] = other.adminToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const crossToken = await new SignJWT({ tid: claims.tid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(tenant.adminUserId)
      .setIssuer('sieve')
      .setAudience('sieve-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(process.env.JWT_SECRET));
    const res = await gql(app, crossToken, '{ me { kind } }');
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
