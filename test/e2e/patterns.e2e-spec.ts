import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@sieve/core';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedPlatformUser, seedTenant } from '../harness/test-app.js';

const PROBE = 'Recon:EC2/PortProbeUnprotectedPort';
const FIELDS = `id reference name status rendering findingType predicates allowCritical confidence support hits
  expiresAt activatedAt retiredAt retiredReason sourceCaseId sourceAnalystId createdBy`;

const CREATE = `mutation ($i: CreateKnownGoodPatternInput!) { createKnownGoodPattern(input: $i) { ${FIELDS} } }`;

/**
 * Known-good patterns over GraphQL: the tenant's admins and assigned MSSP analysts manage them, everyone
 * with read access reads them and the pool; every change is audited; ids of other tenants answer NOT_FOUND.
 */
describe('known-good patterns API', () => {
  let app: NestExpressApplication;
  let acme: SeededTenant;
  let other: SeededTenant;
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });

  const sshProbes = (patch: Record<string, unknown> = {}) => ({
    name: 'Bastion SSH probes',
    description: 'The bastion is exposed on purpose',
    findingType: PROBE,
    predicates: [
      { feature: 'localPorts', op: 'in', values: ['22'] },
      { op: 'cidr', blocks: ['198.51.100.0/24'] },
    ],
    support: { findings: 8, localPorts: ['22'], tagged: true },
    ...patch,
  });

  const create = async (token: string, input: Record<string, unknown>) => {
    const res = await gql(app, token, CREATE, { i: input });
    return res.body;
  };

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    acme = await seedTenant(app, 'kb-acme');
    other = await seedTenant(app, 'kb-other');
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  it('lets a tenant admin create a proposal, activate it, change it and retire it, each audited', async () => {
    const created = await create(acme.adminToken, sshProbes({ sourceCaseId: randomUUID() }));
    const pattern = created.data.createKnownGoodPattern;
    expect(pattern).toMatchObject({
      reference: 'P-1',
      status: 'PROPOSED',
      rendering: `${PROBE} where localPorts ∈ {22} ∧ remoteIp ∈ {198.51.100.0/24}`,
      predicates: [
        { feature: 'localPorts', op: 'in', values: ['22'] },
        { op: 'cidr', feature: 'remoteIp', blocks: ['198.51.100.0/24'] },
      ],
      allowCritical: false,
      confidence: 1,
      support: { findings: 8, localPorts: ['22'], tagged: true },
      hits: 0,
      activatedAt: null,
      sourceAnalystId: acme.adminUserId,
      createdBy: acme.adminUserId,
    });

    const activated = await gql(
      app,
      acme.adminToken,
      `mutation ($id: ID!) { activateKnownGoodPattern(id: $id) { status activatedAt } }`,
      {
        id: pattern.id,
      },
    );
    expect(activated.body.data.activateKnownGoodPattern).toMatchObject({ status: 'ACTIVE' });

    const updated = await gql(
      app,
      acme.adminToken,
      `mutation ($id: ID!, $i: UpdateKnownGoodPatternInput!) { updateKnownGoodPattern(id: $id, input: $i) { rendering status confidence } }`,
      {
        id: pattern.id,
        i: { predicates: [{ feature: 'localPorts', op: 'in', values: ['22', '2222'] }], confidence: 0.8 },
      },
    );
    expect(updated.body.data.updateKnownGoodPattern).toEqual({
      rendering: `${PROBE} where localPorts ∈ {22, 2222}`,
      status: 'ACTIVE',
      confidence: 0.8,
    });

    const retired = await gql(
      app,
      acme.adminToken,
      `mutation ($id: ID!) { retireKnownGoodPattern(id: $id, reason: "bastion decommissioned") { status retiredReason } }`,
      { id: pattern.id },
    );
    expect(retired.body.data.retireKnownGoodPattern).toEqual({
      status: 'RETIRED',
      retiredReason: 'bastion decommissioned',
    });

    const again = await gql(
      app,
      acme.adminToken,
      `mutation ($id: ID!) { activateKnownGoodPattern(id: $id) { status } }`,
      {
        id: pattern.id,
      },
    );
    expect(again.body.errors[0]).toMatchObject({
      message: 'Pattern P-1 is RETIRED: it cannot be approved',
      extensions: { code: 'CONFLICT' },
    });

    const audit = await owner.query(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND target_id = $2 ORDER BY id`,
      [acme.tenant.id, pattern.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'pattern.created',
      'pattern.activated',
      'pattern.updated',
      'pattern.retired',
    ]);
  });

  it('refuses an invalid pattern with every issue, each with its path', async () => {
    const body = await create(
      acme.adminToken,
      sshProbes({
        predicates: [
          { feature: 'localPort', op: 'range', min: 10, max: 1 },
          { op: 'cidr', blocks: ['10.0.0.0/33'] },
          { feature: 'principalNmae', op: 'equals', value: 'x' },
        ],
      }),
    );
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(
      /^Invalid pattern: predicates\[0\]: range min is above max; predicates\[1\]\.blocks\[0\]: not a CIDR block \(a\.b\.c\.d\/n or v6\/n\); predicates\[2\]\.feature: Invalid option/,
    );
  });

  it('lets only admins and assigned MSSP analysts change patterns; analysts and viewers read them', async () => {
    const analystTry = await create(acme.analystToken, sshProbes());
    expect(analystTry.errors[0].extensions.code).toBe('FORBIDDEN');
    const viewerTry = await create(acme.viewerToken, sshProbes());
    expect(viewerTry.errors[0].extensions.code).toBe('FORBIDDEN');

    const mssp = await seedPlatformUser(app, PlatformRole.MSSP_ANALYST);
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
      mssp.userId,
      acme.tenant.id,
    ]);
    const byMssp = await create(
      await mssp.tokenFor(acme.tenant.id),
      sshProbes({ name: 'From the MSSP', activate: true }),
    );
    expect(byMssp.data.createKnownGoodPattern).toMatchObject({
      status: 'ACTIVE',
      sourceAnalystId: mssp.userId,
    });

    const listed = await gql(
      app,
      acme.viewerToken,
      `{ knownGoodPatterns(filter: { status: ACTIVE }) { edges { node { name reference } } } }`,
    );
    expect(
      listed.body.data.knownGoodPatterns.edges.map((e: { node: { name: string } }) => e.node.name),
    ).toEqual(['From the MSSP']);
  });

  it("answers NOT_FOUND for another tenant's pattern, an unknown id and a malformed one", async () => {
    const theirs = (await create(other.adminToken, sshProbes())).data.createKnownGoodPattern;
    for (const id of [theirs.id, randomUUID(), 'P-1']) {
      const read = await gql(app, acme.adminToken, `query ($id: ID!) { knownGoodPattern(id: $id) { id } }`, {
        id,
      });
      expect(read.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const retire = await gql(
        app,
        acme.adminToken,
        `mutation ($id: ID!) { retireKnownGoodPattern(id: $id, reason: "x") { id } }`,
        { id },
      );
      expect(retire.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    // Their numbering is their own.
    expect(theirs.reference).toBe('P-1');
  });

  it('deletes a proposal, but only retires a pattern that was active', async () => {
    const proposal = (await create(acme.adminToken, sshProbes({ name: 'draft' }))).data
      .createKnownGoodPattern;
    const active = (await create(acme.adminToken, sshProbes({ name: 'live', activate: true }))).data
      .createKnownGoodPattern;
    const remove = (id: string) =>
      gql(app, acme.adminToken, `mutation ($id: ID!) { deleteKnownGoodPattern(id: $id) { name } }`, { id });
    expect((await remove(proposal.id)).body.data.deleteKnownGoodPattern).toEqual({ name: 'draft' });
    expect((await remove(active.id)).body.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    const gone = await gql(app, acme.adminToken, `query ($id: ID!) { knownGoodPattern(id: $id) { id } }`, {
      id: proposal.id,
    });
    expect(gone.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('shows the pool read-only with hits in this tenant only, and the statistics of both scopes', async () => {
    const tenant = await seedTenant(app, 'kb-stats');
    const { rows } = await owner.query<{ id: string; seq: number }>(
      `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, tenant_support, activated_at, created_by)
       VALUES ('Scanners on 443', $1, '[{"feature": "localPorts", "op": "equals", "value": "443"}]', 'ACTIVE', 4, now(), 'pooling')
       RETURNING id, seq`,
      [PROBE],
    );
    const pooled = rows[0];
    await owner.query(
      `INSERT INTO global_pattern_hits (tenant_id, pattern_id, hits, last_hit_at) VALUES ($1, $3, 7, now()), ($2, $3, 100, now())`,
      [tenant.tenant.id, other.tenant.id, pooled.id],
    );
    const own = (await create(tenant.adminToken, sshProbes({ activate: true }))).data.createKnownGoodPattern;
    await owner.query(`UPDATE known_good_patterns SET hits = 12, last_hit_at = now() WHERE id = $1`, [
      own.id,
    ]);
    await create(tenant.adminToken, sshProbes({ name: 'pending' }));

    const globals = await gql(
      app,
      tenant.viewerToken,
      `query ($id: ID!) { globalKnownGoodPattern(id: $id) { reference rendering tenantSupport hitsInTenant } }`,
      { id: pooled.id },
    );
    expect(globals.body.data.globalKnownGoodPattern).toEqual({
      reference: `G-${pooled.seq}`,
      rendering: `${PROBE} where localPorts = 443`,
      tenantSupport: 4,
      hitsInTenant: 7,
    });

    const stats = await gql(
      app,
      tenant.viewerToken,
      `{ patternStats { consumesGlobalPatterns
          tenant { proposed active retired hits top { reference hits } }
          global { active hits top { reference hits } } } }`,
    );
    expect(stats.body.data.patternStats).toEqual({
      consumesGlobalPatterns: false,
      tenant: { proposed: 1, active: 1, retired: 0, hits: 12, top: [{ reference: own.reference, hits: 12 }] },
      global: {
        active: expect.any(Number),
        hits: 7,
        top: [{ reference: `G-${pooled.seq}`, hits: 7 }],
      },
    });
  });

  it('publishes the pattern language as a JSON Schema', async () => {
    const res = await gql(app, acme.viewerToken, '{ knownGoodPatternSchema }');
    expect(res.body.data.knownGoodPatternSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      required: ['name', 'findingType', 'predicates'],
    });
  });
});
