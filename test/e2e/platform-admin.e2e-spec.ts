import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import { createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

describe('platform administration', () => {
  let app: NestExpressApplication;
  let adminToken: string;

  beforeAll(async () => {
    app = await createTestApp();
    adminToken = (await seedPlatformUser(app, PlatformRole.PLATFORM_ADMIN)).token;
  });

  afterAll(async () => {
    await app.close();
  });

  const CREATE = `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { id slug timeZone contractTier poolConsume } }`;

  it('creates a tenant with its first admin, who can then log in to it', async () => {
    const slug = `new-${Date.now().toString(36)}`;
    const res = await gql(app, adminToken, CREATE, {
      input: {
        slug,
        name: 'New Co',
        timeZone: 'America/New_York',
        contractTier: 'PREMIUM',
        adminEmail: `boss@${slug}.example`,
      },
    });
    expect(res.body.data.createTenant).toMatchObject({
      slug,
      timeZone: 'America/New_York',
      contractTier: 'PREMIUM',
      poolConsume: false,
    });

    const audit = await gql(
      app,
      adminToken,
      `query ($t: ID) { auditLog(filter: { tenantId: $t }) { edges { node { action } } } }`,
      {
        t: res.body.data.createTenant.id,
      },
    );
    expect(
      audit.body.data.auditLog.edges.map((e: { node: { action: string } }) => e.node.action).sort(),
    ).toEqual(['membership.invited', 'tenant.created']);
  });

  it('refuses a duplicate slug, a bad time zone and a bad slug with clear errors', async () => {
    const slug = `dup-${Date.now().toString(36)}`;
    const input = { slug, name: 'Dup', timeZone: 'UTC', contractTier: 'STANDARD' };
    expect((await gql(app, adminToken, CREATE, { input })).body.data.createTenant.slug).toBe(slug);
    const dup = await gql(app, adminToken, CREATE, { input });
    expect(dup.body.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    const zone = await gql(app, adminToken, CREATE, {
      input: { ...input, slug: `${slug}-2`, timeZone: 'Mars/Olympus' },
    });
    expect(zone.body.errors[0].message).toMatch(/Mars\/Olympus.*IANA/);
    const bad = await gql(app, adminToken, CREATE, { input: { ...input, slug: 'No Spaces' } });
    expect(bad.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('pages through tenants with cursors, each tenant exactly once', async () => {
    for (let i = 0; i < 5; i++) await seedTenant(app, `page${i}`);
    // Five more created by one statement share one now() to the microsecond: none may be skipped.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    const stamp = Date.now().toString(36);
    await owner.query(
      `INSERT INTO tenants (slug, name, time_zone, contract_tier)
       SELECT 'same-' || $1 || '-' || i, 'Same instant', 'UTC', 'STANDARD' FROM generate_series(1, 5) AS i`,
      [stamp],
    );
    const total = (await owner.query(`SELECT count(*)::int AS n FROM tenants`)).rows[0].n;
    await owner.end();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await gql(
        app,
        adminToken,
        'query ($after: String) { tenants(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page = res.body.data.tenants;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('assigns an MSSP analyst to tenants: the analyst works in those, and only those', async () => {
    const assigned = await seedTenant(app, 'assigned');
    const other = await seedTenant(app, 'unassigned');
    const analyst = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    const res = await gql(
      app,
      adminToken,
      'mutation ($i: AssignAnalystTenantsInput!) { assignAnalystTenants(input: $i) { user { platformRole } tenantIds } }',
      {
        i: { userId: analyst.userId, tenantIds: [assigned.tenant.id] },
      },
    );
    expect(res.body.data.assignAnalystTenants).toEqual({
      user: { platformRole: 'MSSP_ANALYST' },
      tenantIds: [assigned.tenant.id],
    });

    const inAssigned = await gql(
      app,
      await analyst.tokenFor(assigned.tenant.id),
      '{ me { assignedTenantIds tenant { id } } members { edges { node { role } } } }',
    );
    expect(inAssigned.body.data.me).toEqual({
      assignedTenantIds: [assigned.tenant.id],
      tenant: { id: assigned.tenant.id },
    });

    const inOther = await gql(app, await analyst.tokenFor(other.tenant.id), '{ me { kind } }');
    expect(inOther.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const peek = await gql(app, await analyst.tokenFor(null), 'query ($id: ID!) { tenant(id: $id) { id } }', {
      id: other.tenant.id,
    });
    expect(peek.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('keeps platform operations from tenant admins and analysts', async () => {
    const t = await seedTenant(app, 'plain');
    for (const token of [t.adminToken, t.analystToken, t.apiKey]) {
      const res = await gql(app, token, CREATE, {
        input: { slug: 'nope-nope', name: 'x', timeZone: 'UTC', contractTier: 'STANDARD' },
      });
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('lets a tenant admin invite people and change roles, but not viewers', async () => {
    const t = await seedTenant(app, 'invite');
    const invite = `mutation ($e: String!) { inviteUser(input: { email: $e, displayName: "Pat", role: TENANT_ANALYST }) { role user { id email } } }`;
    const ok = await gql(app, t.adminToken, invite, { e: `pat@${t.tenant.slug}.example` });
    expect(ok.body.data.inviteUser).toMatchObject({ role: 'TENANT_ANALYST' });
    const again = await gql(app, t.adminToken, invite, { e: `PAT@${t.tenant.slug}.example` });
    expect(again.body.errors[0].extensions.code).toBe('CONFLICT');
    const viewer = await gql(app, t.viewerToken, invite, { e: `sam@${t.tenant.slug}.example` });
    expect(viewer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const promote = await gql(
      app,
      t.adminToken,
      'mutation ($u: ID!) { addMembership(input: { userId: $u, role: TENANT_ADMIN }) { role } }',
      {
        u: ok.body.data.inviteUser.user.id,
      },
    );
    expect(promote.body.data.addMembership.role).toBe('TENANT_ADMIN');
  });
});
