import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

/**
 * Tenant A's credentials given tenant B's ids: every operation answers NOT_FOUND, exactly as it does for
 * an id that does not exist, so ids reveal nothing about other tenants.
 */
describe('tenant isolation through the API', () => {
  let app: NestExpressApplication;
  let a: SeededTenant;
  let b: SeededTenant;
  let bKeyId: string;
  let bUserId: string;

  beforeAll(async () => {
    app = await createTestApp();
    a = await seedTenant(app, 'alpha');
    b = await seedTenant(app, 'bravo');
    const keys = await gql(app, b.adminToken, '{ apiKeys { edges { node { id } } } }');
    bKeyId = keys.body.data.apiKeys.edges[0].node.id;
    bUserId = b.adminUserId;
  });

  afterAll(async () => {
    await app.close();
  });

  const operations: [
    string,
    (ids: { tenant: string; key: string; user: string }) => [string, Record<string, unknown>],
  ][] = [
    ['tenant(id)', (ids) => ['query ($id: ID!) { tenant(id: $id) { id } }', { id: ids.tenant }]],
    ['revokeApiKey', (ids) => ['mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: ids.key }]],
    [
      'addMembership',
      (ids) => [
        'mutation ($u: ID!) { addMembership(input: { userId: $u, role: TENANT_VIEWER }) { role } }',
        { u: ids.user },
      ],
    ],
    [
      'auditLog(tenantId)',
      (ids) => [
        'query ($t: ID) { auditLog(filter: { tenantId: $t }) { edges { node { id } } } }',
        { t: ids.tenant },
      ],
    ],
  ];

  it.each(operations)(
    '%s with the other tenant’s id answers NOT_FOUND, as for an unknown id',
    async (_name, op) => {
      for (const credential of [a.adminToken, a.apiKey]) {
        const [query, foreignVars] = op({ tenant: b.tenant.id, key: bKeyId, user: bUserId });
        const [, unknownVars] = op({ tenant: randomUUID(), key: randomUUID(), user: randomUUID() });
        const foreign = await gql(app, credential, query, foreignVars);
        const unknown = await gql(app, credential, query, unknownVars);
        expect(foreign.body.data ?? null).toBeNull();
        expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
        expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
      }
    },
  );

  it('answers NOT_FOUND, not an internal error, for an id that is not even a UUID', async () => {
    for (const query of [
      'mutation { revokeApiKey(id: "not-a-uuid") { id } }',
      'mutation { removeAwsAccount(id: "not-a-uuid") { id } }',
    ]) {
      const res = await gql(app, a.adminToken, query);
      expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('leaves the other tenant untouched after the attempts', async () => {
    const keys = await gql(app, b.adminToken, '{ apiKeys { edges { node { id revokedAt } } } }');
    expect(keys.body.data.apiKeys.edges).toEqual([{ node: { id: bKeyId, revokedAt: null } }]);
    const members = await gql(app, b.adminToken, '{ members { edges { node { user { id } role } } } }');
    expect(members.body.data.members.edges).toContainEqual({
      node: { user: { id: bUserId }, role: 'TENANT_ADMIN' },
    });
  });

  it("lists only the credentials' own tenant in members, keys and the audit log", async () => {
    const members = await gql(
      app,
      a.adminToken,
      '{ members(first: 100) { edges { node { user { email } } } } }',
    );
    const emails: string[] = members.body.data.members.edges.map(
      (e: { node: { user: { email: string } } }) => e.node.user.email,
    );
    expect(emails.length).toBe(3);
    expect(emails.every((e) => e.endsWith(`@${a.tenant.slug}.example`))).toBe(true);

    const audit = await gql(app, a.adminToken, '{ auditLog(first: 100) { edges { node { tenantId } } } }');
    const tenants = new Set(
      audit.body.data.auditLog.edges.map((e: { node: { tenantId: string } }) => e.node.tenantId),
    );
    expect([...tenants]).toEqual([a.tenant.id]);
  });

  it('keeps tenant A credentials out of platform operations', async () => {
    const res = await gql(app, a.adminToken, '{ tenants { edges { node { id } } } }');
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
