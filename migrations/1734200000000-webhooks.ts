import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

const EVENT_TYPES = `'case.created', 'case.updated', 'case.resolved', 'sla.warning', 'sla.breached', 'finding.raised'`;

/**
 * Outbound webhooks: a tenant's endpoints (with the signing secret, which the application reads only to
 * sign) and the delivery outbox. A delivery row is written in the transaction of the change it reports,
 * so a rolled-back change sends nothing and a committed one is never lost; the worker sends it and keeps
 * the attempts, the last answer and the next attempt on the row (the delivery log).
 */
export class Webhooks1734200000000 implements MigrationInterface {
  name = 'Webhooks1734200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        url text NOT NULL CONSTRAINT webhook_endpoints_url_check CHECK (length(url) BETWEEN 1 AND 2048),
        description text NOT NULL DEFAULT ''
          CONSTRAINT webhook_endpoints_description_check CHECK (length(description) <= 500),
        event_types text[] NOT NULL CONSTRAINT webhook_endpoints_event_types_check
          CHECK (cardinality(event_types) >= 1 AND event_types <@ ARRAY[${EVENT_TYPES}]::text[]),
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_tenant_idx ON webhook_endpoints (tenant_id, created_at)`);
    await enableTenantRls(q, 'webhook_endpoints');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO sieve_app`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        message_id text NOT NULL,
        event_type text NOT NULL CONSTRAINT webhook_deliveries_event_type_check CHECK (event_type IN (${EVENT_TYPES})),
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING'
          CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_message_key UNIQUE (endpoint_id, message_id)
      )`);
    // The worker's claim and the sweeper look up a tenant's due deliveries only.
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (tenant_id, next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at, id)`,
    );
    await enableTenantRls(q, 'webhook_deliveries');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhook_endpoints`);
  }
}
