import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { ManualClock } from '@sieve/core';
import pg from 'pg';
import type { Predicate } from '../patterns/predicate.js';
import { PoolingCycle } from './pooling-cycle.service.js';
import { bootPooling, seedPattern, seedPoolTenant, testFindingType } from './pooling-test-context.js';

/** Everything that says who a tenant is, as its patterns spell it. */
interface Identity {
  tenantId: string;
  slug: string;
  name: string;
  accountId: string;
  roleName: string;
  userName: string;
  roleArn: string;
  userArn: string;
  email: string;
  ownerEmail: string;
  privateIp: string;
  publicIp: string;
  cidr: string;
  instanceId: string;
  /** The tenant's own image build: an AMI id no other tenant has. */
  imageId: string;
  bucketArn: string;
  domain: string;
  tagKey: string;
  tagValue: string;
  asnOrg: string;
  caseId: string;
  analystId: string;
}

function identity(): Identity {
  const hex = randomBytes(4).toString('hex');
  const accountId = String(randomInt(100_000_000_000, 999_999_999_999));
  const octet = () => randomInt(1, 254);
  return {
    tenantId: randomUUID(),
    slug: `anon-${hex}`,
    name: `Acme ${hex} Holdings`,
    accountId,
    roleName: `deployer-${hex}`,
    userName: `alice-${hex}`,
    roleArn: `arn:aws:iam::${accountId}:role/deployer-${hex}`,
    userArn: `arn:aws:iam::${accountId}:user/alice-${hex}`,
    email: `alice.${hex}@acme-${hex}.example`,
    ownerEmail: `payments-team.${hex}@acme-${hex}.example`,
    privateIp: `10.${octet()}.${octet()}.${octet()}`,
    publicIp: `100.${octet()}.${octet()}.${octet()}`,
    cidr: `100.${octet()}.${octet()}.0/24`,
    instanceId: `i-0${randomBytes(8).toString('hex')}`,
    imageId: `ami-0${randomBytes(8).toString('hex')}`,
    bucketArn: `arn:aws:s3:::acme-${hex}-payroll`,
    domain: `vpn.acme-${hex}.example`,
    tagKey: `acme-${hex}-cost-code`,
    tagValue: `payments-${hex}`,
    asnOrg: `ACME-${hex}-CORP`,
    caseId: randomUUID(),
    analystId: randomUUID(),
  };
}

/** The identifying predicates a tenant's learnt or hand-written pattern may carry, of every kind. */
function identifying(who: Identity): Predicate[] {
  return [
    { feature: 'awsAccountId', op: 'equals', value: who.accountId },
    { feature: 'principalName', op: 'in', values: [who.roleName, who.userName] },
    { feature: 'principalKey', op: 'equals', value: `${who.accountId}:role/${who.roleName}` },
    { feature: 'resourceId', op: 'equals', value: who.instanceId },
    { feature: 'remoteIp', op: 'cidr', blocks: [who.cidr, `${who.publicIp}/32`] },
    { feature: 'domain', op: 'equals', value: who.domain },
    { feature: 'resourceOwner', op: 'equals', value: who.ownerEmail },
    { op: 'tagEquals', key: 'Team', value: who.tagValue },
    { op: 'tagPresent', key: who.tagKey },
    // Identifiers hiding under poolable features.
    { feature: 'apiAction', op: 'prefix', value: who.bucketArn },
    { feature: 'remoteAsnOrg', op: 'in', values: ['CENSYS-ARIN-01', who.email] },
    { feature: 'userAgentFamily', op: 'equals', value: `boto3 from ${who.privateIp}` },
  ];
}

/**
 * The anonymisation test of issue 6: tenants whose patterns are full of identifying data contribute to the
 * pool; after a cycle, no column of any global pattern, of the pool's tables or of the pooling job's audit
 * entries holds any tenant's id, slug or name, account id, ARN, role or user name, email, IP or block,
 * resource id, domain, tag key or value, organisation, case or analyst id.
 */
describe('pooling anonymisation (PostgreSQL)', () => {
  const clock = new ManualClock(new Date());
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let app: TestingModule;

  beforeAll(async () => {
    await owner.connect();
    app = await bootPooling(clock);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  it('finds no value that identifies any tenant in any column of the pool', async () => {
    const probes = testFindingType();
    const deploys = testFindingType('UnauthorizedAccess:IAMUser/AnomalousBehavior');
    const scans = testFindingType('Recon:EC2/Portscan');
    // A vendor's scanner appliance: one public image, the same id in every tenant.
    const applianceImage = `ami-0${randomBytes(8).toString('hex')}`;
    const people = [identity(), identity(), identity(), identity(), identity()];
    for (const [i, who] of people.entries()) {
      // The last one does not contribute: its patterns must not even be read.
      await owner.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier, pool_contribute, pool_consume)
         VALUES ($1, $2, $3, 'Europe/Paris', 'PREMIUM', $4, true)`,
        [who.tenantId, who.slug, who.name, i < 4],
      );
      const provenance = {
        name: `Scans of ${who.roleName} in ${who.accountId} (${who.email})`,
        description: `Bastion ${who.instanceId} at ${who.publicIp}, owned by ${who.ownerEmail}, ${who.userArn}`,
        sourceCaseId: who.caseId,
        sourceAnalystId: who.analystId,
        createdBy: who.analystId,
        confidence: 0.9,
      };
      await seedPattern(owner, who.tenantId, {
        ...provenance,
        findingType: probes,
        predicates: [
          { feature: 'localPorts', op: 'in', values: ['22'] },
          { feature: 'remoteAsn', op: 'asn', asns: [398324] },
          { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
          ...identifying(who),
        ],
        support: {
          findings: 4,
          countries: ['US'],
          asns: [398324],
          localPorts: ['22'],
          apiActions: [who.roleArn, 's3:GetObject'],
          hostingProviders: ['censys', who.email],
          userAgentFamilies: [who.userName],
          tagged: true,
        },
      });
      await seedPattern(owner, who.tenantId, {
        ...provenance,
        findingType: deploys,
        predicates: [
          { feature: 'principalKind', op: 'equals', value: 'ci-oidc' },
          { feature: 'ciProvider', op: 'equals', value: 'github-actions' },
          {
            feature: 'apiAction',
            op: 'in',
            values: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'],
          },
          ...identifying(who),
        ],
        support: { findings: 6, apiActions: ['cloudformation:CreateStack', who.roleArn] },
      });
      // Port scans by the vendor's appliance (pooled), and by an instance of the tenant's own image: a
      // poolable shape, but one no other tenant shares, so never confirmed and never written anywhere.
      for (const image of [applianceImage, who.imageId]) {
        await seedPattern(owner, who.tenantId, {
          ...provenance,
          findingType: scans,
          predicates: [
            { feature: 'resourceImage', op: 'equals', value: image },
            { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
            { feature: 'direction', op: 'equals', value: 'OUTBOUND' },
            ...identifying(who),
          ],
        });
      }
      // One tenant's own behaviour: never confirmed by k tenants, never written anywhere.
      await seedPattern(owner, who.tenantId, {
        ...provenance,
        findingType: probes,
        predicates: [
          { feature: 'localPorts', op: 'equals', value: String(40_000 + i) },
          { feature: 'remoteAsnOrg', op: 'equals', value: who.asnOrg },
        ],
      });
    }
    // A contributor of the same behaviour without any of it (so the pool is not only these four).
    const plain = await seedPoolTenant(owner);
    await seedPattern(owner, plain, {
      findingType: probes,
      predicates: [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { feature: 'remoteAsn', op: 'asn', asns: [398324] },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
    });

    await app.get(PoolingCycle).run();

    // The test means something only if the identifying tenants' behaviour was pooled.
    const promoted = await owner.query<{ finding_type: string; tenant_support: number; rendering: string }>(
      `SELECT finding_type, tenant_support, name AS rendering FROM global_known_good_patterns
       WHERE finding_type = ANY($1) AND status = 'ACTIVE' ORDER BY finding_type, name`,
      [[probes, deploys, scans]],
    );
    expect(promoted.rows).toEqual([
      {
        finding_type: probes,
        tenant_support: 5,
        rendering: `Pooled: ${probes} where localPorts = 22 ∧ remoteAsn ∈ {AS398324} ∧ resourceType = AwsEc2Instance`,
      },
      {
        finding_type: scans,
        tenant_support: 4,
        rendering: `Pooled: ${scans} where direction = OUTBOUND ∧ resourceImage = ${applianceImage} ∧ resourceType = AwsEc2Instance`,
      },
      {
        finding_type: deploys,
        tenant_support: 4,
        rendering: `Pooled: ${deploys} where apiAction = cloudformation:CreateStack ∧ ciProvider = github-actions ∧ principalKind = ci-oidc`,
      },
      {
        finding_type: deploys,
        tenant_support: 4,
        rendering: `Pooled: ${deploys} where apiAction = cloudformation:UpdateStack ∧ ciProvider = github-actions ∧ principalKind = ci-oidc`,
      },
    ]);

    const scanned = [
      ['global_known_good_patterns', `SELECT to_jsonb(t)::text AS row FROM global_known_good_patterns t`],
      ['pooled_patterns', `SELECT to_jsonb(t)::text AS row FROM pooled_patterns t`],
      ['pooling_state', `SELECT to_jsonb(t)::text AS row FROM pooling_state t`],
      ['global_pattern_set_version', `SELECT to_jsonb(t)::text AS row FROM global_pattern_set_version t`],
      [
        'audit_log (pooling job)',
        `SELECT to_jsonb(t)::text AS row FROM audit_log t WHERE t.actor_id = 'pooling'`,
      ],
    ] as const;
    const rows: { table: string; text: string }[] = [];
    for (const [table, sql] of scanned) {
      for (const r of (await owner.query<{ row: string }>(sql)).rows)
        rows.push({ table, text: r.row.toLowerCase() });
    }
    expect(rows.filter((r) => r.table === 'global_known_good_patterns').length).toBeGreaterThanOrEqual(3);

    const leaks: { table: string; tenant: string; field: string; value: string }[] = [];
    for (const who of people) {
      for (const [field, value] of Object.entries(who)) {
        for (const row of rows) {
          if (row.text.includes(value.toLowerCase()))
            leaks.push({ table: row.table, tenant: who.slug, field, value });
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 30_000);
});
