import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

const CREATE = `mutation ($scopes: [ApiKeyScope!]!) {
  createApiKey(input: { name: "siem", scopes: $scopes }) { secret apiKey { id prefix scopes lastUsedAt revokedAt } }
}`;

describe('API keys', () => {
  let app: NestExpressApplication;
  let tenant: SeededTenant;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await seedTenant(app, 'keys');
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the secret once and stores only its hash', async () => {
    const res = await gql(app, tenant.adminToken, CREATE, { scopes: ['READ'] });
    const { secret, apiKey } = res.body.data.createApiKey;
    expect(secret).toMatch(/^sv_[0-9a-f]{12}_/);
    expect(secret).toContain(apiKey.prefix);

    // Read the stored row as the schema owner: the hash is there, the secret is nowhere.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT to_jsonb(k.*)::text AS row, key_hash FROM api_keys k WHERE id = $1`,
        [apiKey.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].key_hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
      expect(rows[0].row).not.toContain(secret.split('_')[2]);
    } finally {
      await owner.end();
    }
    const listed = await gql(app, tenant.adminToken, '{ apiKeys { edges { node { id prefix } } } }');
    expect(JSON.stringify(listed.body)).not.toContain(secret.split('_')[2]);
  });

  it('authenticates with the key (Bearer or X-Api-Key) within its scopes only', async () => {
    const { secret } = (await gql(app, tenant.adminToken, CREATE, { scopes: ['READ'] })).body.data
      .createApiKey;
    const me = await gql(app, secret, '{ me { kind scopes tenant { id } } }');
    expect(me.body.data.me).toEqual({ kind: 'api-key', scopes: ['READ'], tenant: { id: tenant.tenant.id } });

    const viaHeader = await gql(app, null, '{ me { kind } }').set('x-api-key', secret);
    expect(viaHeader.body.data.me.kind).toBe('api-key');

    const escalate = await gql(app, secret, CREATE, { scopes: ['ADMIN'] });
    expect(escalate.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a revoked key on its next request', async () => {
    const created = (await gql(app, tenant.adminToken, CREATE, { scopes: ['READ'] })).body.data.createApiKey;
    expect((await gql(app, created.secret, '{ me { kind } }')).body.data.me.kind).toBe('api-key');

    const revoked = await gql(
      app,
      tenant.adminToken,
      'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      {
        id: created.apiKey.id,
      },
    );
    expect(revoked.body.data.revokeApiKey.revokedAt).toEqual(expect.any(String));

    const after = await gql(app, created.secret, '{ me { kind } }');
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(after.body.errors[0].message).toMatch(/revoked/);
  });

  it('refuses a key with a forged secret, an expired key, and a malformed one', async () => {
    const { secret } = (await gql(app, tenant.adminToken, CREATE, { scopes: ['READ'] })).body.data
      .createApiKey;
    const forged = secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await gql(app, forged, '{ me { kind } }')).body.errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await gql(app, 'sv_nope', '{ me { kind } }')).body.errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );

    const soon = new Date(Date.now() + 1500).toISOString();
    const expiring = await gql(
      app,
      tenant.adminToken,
      'mutation ($at: DateTime) { createApiKey(input: { name: "temp", scopes: [READ], expiresAt: $at }) { secret } }',
      { at: soon },
    );
    const temp = expiring.body.data.createApiKey.secret;
    expect((await gql(app, temp, '{ me { kind } }')).body.data.me.kind).toBe('api-key');
    await new Promise((r) => setTimeout(r, 1600));
    expect((await gql(app, temp, '{ me { kind } }')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('records creation and revocation in the audit log without the secret', async () => {
    const audit = await gql(
      app,
      tenant.adminToken,
      '{ auditLog(first: 100, filter: { action: "api_key.created" }) { edges { node { action actorType targetId requestId details } } } }',
    );
    const entries = audit.body.data.auditLog.edges.map((e: { node: unknown }) => e.node);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries[0]).toMatchObject({
      action: 'api_key.created',
      actorType: 'user',
      requestId: expect.any(String),
    });
    expect(JSON.stringify(entries)).not.toMatch(/sv_[0-9a-f]{12}_/);
  });
});
