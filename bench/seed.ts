import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { BenchAwsAccount } from './emulator.js';

/** A tenant as the benchmark pushes for it: an ingest API key and one ACTIVE AWS account (in the emulator). */
export interface BenchTenant {
  id: string;
  slug: string;
  apiKey: string;
  accountId: string;
}

/** Same format and hash as `generateApiKey()` in libs/tenancy/src/api-keys/api-key-secret.ts. */
function generateApiKey(): { prefix: string; secret: string; hash: Buffer } {
  const prefix = randomBytes(6).toString('hex');
  const secret = `sv_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, secret, hash: createHash('sha256').update(secret, 'utf8').digest() };
}

/** Inserts the rows directly as the schema owner (see test/e2e/push-ingest.e2e-spec.ts). */
export async function seedTenant(
  owner: pg.Client,
  label: string,
  aws: BenchAwsAccount,
): Promise<BenchTenant> {
  const { accountId } = aws;
  const id = randomUUID();
  const slug = `bench-${label}-${id.slice(0, 8)}`;
  await owner.query(
    `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, $2, 'UTC', 'STANDARD')`,
    [id, slug],
  );
  const key = generateApiKey();
  await owner.query(
    `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, scopes, created_by)
     VALUES ($1, 'bench', $2, $3, '{ingest,admin}', 'bench')`,
    [id, key.prefix, key.hash],
  );
  await owner.query(
    `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
     VALUES ($1, $2, $3, '{us-east-1}', $4, 'ACTIVE', 'bench')`,
    [id, accountId, aws.roleArn, aws.externalId],
  );
  return { id, slug, apiKey: key.secret, accountId };
}

/**
 * The tenant's known-good behaviour, as an analyst would have confirmed it: internet scanners probing the
 * web ports of its web fleet. Created through the API (an admin-scoped key), active at once. With it, 9 in
 * 10 of the benchmark's findings are suppressed and written back as such, and the rest are raised into
 * cases, as in a tenant whose noise the system has learnt.
 */
export async function seedWebProbePattern(apiUrl: string, tenant: BenchTenant): Promise<void> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body: JSON.stringify({
      query: `mutation($input: CreateKnownGoodPatternInput!) { createKnownGoodPattern(input: $input) { id status } }`,
      variables: {
        input: {
          name: 'Scanners probing the web fleet',
          description: 'ports 80 and 443 are open to the internet on purpose',
          findingType: 'Recon:EC2/PortProbeUnprotectedPort',
          predicates: [{ feature: 'localPorts', op: 'in', values: ['80', '443'] }],
          activate: true,
        },
      },
    }),
  });
  const body = (await res.json()) as {
    data?: { createKnownGoodPattern?: { status: string } };
    errors?: unknown;
  };
  if (body.data?.createKnownGoodPattern?.status !== 'ACTIVE') {
    throw new Error(`creating the bench pattern failed: ${JSON.stringify(body).slice(0, 500)}`);
  }
}
