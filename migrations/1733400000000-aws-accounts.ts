import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

/** Customers' AWS accounts and the per-tenant ExternalIds their roles trust. */
export class AwsAccounts1733400000000 implements MigrationInterface {
  name = 'AwsAccounts1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aws_external_ids (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        external_id text NOT NULL UNIQUE CHECK (length(external_id) >= 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        retires_at timestamptz
      )`);
    // One current ExternalId per tenant; rotated ones stay valid until retires_at.
    await q.query(
      `CREATE UNIQUE INDEX aws_external_ids_current_key ON aws_external_ids (tenant_id) WHERE retires_at IS NULL`,
    );
    await enableTenantRls(q, 'aws_external_ids');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON aws_external_ids TO sieve_app`);

    await q.query(`
      CREATE TABLE aws_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        account_id text NOT NULL CHECK (account_id ~ '^[0-9]{12}$'),
        role_arn text NOT NULL,
        regions text[] NOT NULL CHECK (cardinality(regions) > 0),
        external_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'FAILED', 'DEGRADED')),
        status_reason text,
        last_checked_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX aws_accounts_tenant_account_key ON aws_accounts (tenant_id, account_id)`,
    );
    // An AWS account belongs to at most one tenant. A failed attempt does not claim it: otherwise anyone
    // could block a customer by trying to register the customer's account id first.
    await q.query(
      `CREATE UNIQUE INDEX aws_accounts_account_owner_key ON aws_accounts (account_id) WHERE status <> 'FAILED'`,
    );
    await enableTenantRls(q, 'aws_accounts');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON aws_accounts TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS aws_accounts`);
    await q.query(`DROP TABLE IF EXISTS aws_external_ids`);
  }
}
