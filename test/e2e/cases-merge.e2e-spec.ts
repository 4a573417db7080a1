import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

/** Findings change case by hand: moved between cases, or with a whole duplicate case merged into its original. */
describe('case merge and finding moves', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let app: NestExpressApplication;
  let tenant: SeededTenant;
  let counter = 0;

  async function finding(severity: 'LOW' | 'HIGH', ip: string): Promise<string> {
    const n = counter++;
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
         title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
         observables, raw, verdict, verdict_at, triage_status)
       VALUES ($1, 'arn:aws:securityhub:us-east-1::product/aws/guardduty', $2, 'securityhub', '510000000003',
         'us-east-1', 'UnauthorizedAccess:EC2/SSHBruteForce', '{t}', $3, $4, $5, now(), now(), $6, $7, '{}',
         'RAISED', now(), 'DONE')
       RETURNING id`,
      [
        tenant.tenant.id,
        `merge-${n}`,
        `SSH brute force ${n}`,
        severity,
        severity === 'HIGH' ? 75 : 20,
        JSON.stringify([
          { type: 'AwsEc2Instance', id: `arn:aws:ec2:us-east-1:510000000003:instance/i-m${n}`, tags: {} },
        ]),
        JSON.stringify({ localPorts: [22], remote: { ip } }),
      ],
    );
    return rows[0].id;
  }

  async function call(query: string, variables: Record<string, unknown>, credential = tenant.analystToken) {
    return (await gql(app, credential, query, variables)).body as {
      data?: Record<string, Record<string, unknown>>;
      errors?: { message: string; extensions: { code: string } }[];
    };
  }

  async function createFrom(findingIds: string[], title: string) {
    const body = await call(
      `mutation ($i: CreateCaseInput!) { createCase(input: $i) { id key severityLabel priority findingCount } }`,
      { i: { title, findingIds } },
    );
    return body.data!.createCase as { id: string; key: string; severityLabel: string; findingCount: number };
  }

  async function findingsOf(caseId: string): Promise<string[]> {
    const body = await call(
      `query ($id: ID!) { case(id: $id) { findings(first: 50) { edges { node { id reason } } } } }`,
      {
        id: caseId,
      },
    );
    return (body.data!.case.findings as { edges: { node: { id: string } }[] }).edges
      .map((e) => e.node.id)
      .sort();
  }

  const types = async (caseId: string) => {
    const body = await call(
      `query ($id: ID!) { case(id: $id) { timeline(first: 100) { edges { node { type data } } } } }`,
      {
        id: caseId,
      },
    );
    return (
      body.data!.case.timeline as { edges: { node: { type: string; data: Record<string, unknown> } }[] }
    ).edges.map((e) => e.node);
  };

  beforeAll(async () => {
    await owner.connect();
    app = await createTestApp();
    tenant = await seedTenant(app, 'casemerge');
  });

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  it('opens a case from findings, taking its severity from the worst and its observables from all', async () => {
    const low = await finding('LOW', '198.51.100.1');
    const high = await finding('HIGH', '198.51.100.2');
    const kase = await createFrom([low, high], 'Brute force wave');
    expect(kase).toMatchObject({ severityLabel: 'HIGH', findingCount: 2 });
    const body = await call(`query ($id: ID!) { case(id: $id) { observables { type value } } }`, {
      id: kase.id,
    });
    expect(body.data!.case.observables).toEqual(
      expect.arrayContaining([
        { type: 'IP', value: '198.51.100.1' },
        { type: 'IP', value: '198.51.100.2' },
      ]),
    );
    // The findings API filters by case too.
    const listed = await call(
      `query ($c: ID) { findings(first: 10, filter: { caseId: $c }) { edges { node { id } } } }`,
      {
        c: kase.id,
      },
    );
    expect((listed.data!.findings.edges as { node: { id: string } }[]).map((e) => e.node.id).sort()).toEqual(
      [low, high].sort(),
    );
  });

  it('moves a finding between open cases, recording it on both', async () => {
    const [f1, f2, f3] = [
      await finding('LOW', '192.0.2.1'),
      await finding('HIGH', '192.0.2.2'),
      await finding('LOW', '192.0.2.3'),
    ];
    const from = await createFrom([f1, f2], 'From');
    const to = await createFrom([f3], 'To');
    const moved = await call(
      `mutation ($f: [ID!]!, $to: ID!) { moveFindings(findingIds: $f, toCaseId: $to) { id severityLabel priority findingCount } }`,
      { f: [f2], to: to.id },
    );
    expect(moved.data!.moveFindings).toEqual({
      id: to.id,
      severityLabel: 'HIGH',
      priority: 2,
      findingCount: 2,
    });
    expect(await findingsOf(from.id)).toEqual([f1]);
    expect(await findingsOf(to.id)).toEqual([f2, f3].sort());
    expect((await types(from.id)).at(-1)).toEqual({
      type: 'FINDING_DETACHED',
      data: { findingId: f2, toCaseId: to.id },
    });
    expect((await types(to.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['FINDING_ATTACHED', 'SEVERITY_CHANGED']),
    );
    const attached = (await types(to.id)).filter((e) => e.type === 'FINDING_ATTACHED').at(-1)!;
    expect(attached.data).toMatchObject({ findingId: f2, reason: 'moved', fromCaseId: from.id });
  });

  it('merges a duplicate into its original: findings, watchers and tags move, the duplicate is closed as DUPLICATE', async () => {
    const [f1, f2] = [await finding('LOW', '203.0.113.1'), await finding('HIGH', '203.0.113.2')];
    const original = await createFrom([f1], 'Original');
    const duplicate = await createFrom([f2], 'Duplicate');
    await call(`mutation ($id: ID!) { addWatcher(caseId: $id) { id } }`, { id: duplicate.id });
    await call(`mutation ($id: ID!) { updateCase(id: $id, input: { tags: ["wave-3"] }) { id } }`, {
      id: duplicate.id,
    });

    const merged = await call(
      `mutation ($s: ID!, $t: ID!) { mergeCases(sourceId: $s, targetId: $t) { id severityLabel findingCount tags watchers { id } } }`,
      { s: duplicate.id, t: original.id },
    );
    expect(merged.data!.mergeCases).toMatchObject({
      id: original.id,
      severityLabel: 'HIGH',
      findingCount: 2,
      tags: ['wave-3'],
    });
    expect(merged.data!.mergeCases.watchers).toHaveLength(1);
    const source = await call(
      `query ($id: ID!) { case(id: $id) { status disposition resolutionSummary findingCount mergedInto { id key } } }`,
      { id: duplicate.id },
    );
    expect(source.data!.case).toEqual({
      status: 'CLOSED',
      disposition: 'DUPLICATE',
      resolutionSummary: `Merged into ${original.key}`,
      findingCount: 0,
      mergedInto: { id: original.id, key: original.key },
    });
    expect((await types(duplicate.id)).slice(-4).map((e) => e.type)).toEqual([
      'MERGED',
      'STATUS_CHANGED',
      'RESOLVED',
      'STATUS_CHANGED',
    ]);
    expect((await types(original.id)).find((e) => e.type === 'MERGED')!.data).toEqual({
      fromCaseId: duplicate.id,
      fromKey: duplicate.key,
      findingIds: [f2],
    });

    // A merged case stays closed, and nothing merges into a closed case.
    const reopened = await call(`mutation ($id: ID!) { reopenCase(id: $id) { id } }`, { id: duplicate.id });
    expect(reopened.errors![0].extensions.code).toBe('INVALID_CASE_TRANSITION');
    const third = await createFrom([await finding('LOW', '203.0.113.3')], 'Third');
    const intoClosed = await call(
      `mutation ($s: ID!, $t: ID!) { mergeCases(sourceId: $s, targetId: $t) { id } }`,
      {
        s: third.id,
        t: duplicate.id,
      },
    );
    expect(intoClosed.errors![0].extensions.code).toBe('CONFLICT');
  });

  it("merges nothing of another tenant's: its case answers NOT_FOUND", async () => {
    const other = await seedTenant(app, 'mergeother');
    const theirs = (
      await gql(
        app,
        other.adminToken,
        `mutation { createCase(input: { title: "theirs", severity: LOW }) { id } }`,
      )
    ).body.data.createCase.id;
    const mine = await createFrom([await finding('LOW', '198.51.100.9')], 'Mine');
    const res = await call(`mutation ($s: ID!, $t: ID!) { mergeCases(sourceId: $s, targetId: $t) { id } }`, {
      s: mine.id,
      t: theirs,
    });
    expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
  });
});
