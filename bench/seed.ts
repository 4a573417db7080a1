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
     VALUES ($1, 'bench', $2, $3, '{ingest}', 'bench')`,
    [id, key.prefix, key.hash],
  );
  await owner.query(
    `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
     VALUES ($1, $2, $3, '{us-east-1}', $4, 'ACTIVE', 'bench')`,
    [id, accountId, aws.roleArn, aws.externalId],
  );
  return { id, slug, apiKey: key.secret, accountId };
}
