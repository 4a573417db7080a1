import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

const OPEN = `status NOT IN ('RESOLVED', 'CLOSED')`;

/**
 * Cases: raised findings grouped per tenant, numbered per tenant (ACME-42), worked by analysts under SLAs.
 * Every change is a `case_events` row (the timeline). The SLA columns are written by the SLA engine; the
 * case domain only creates them and orders the queue by them.
 */
export class Cases1734000000000 implements MigrationInterface {
  name = 'Cases1734000000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per tenant, updated with RETURNING: numbers are allocated atomically, several at a time.
    await q.query(`
      CREATE TABLE case_counters (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        last_number integer NOT NULL CHECK (last_number > 0)
      )`);
    await enableTenantRls(q, 'case_counters');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON case_counters TO sieve_app`);

    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text NOT NULL DEFAULT '',
        severity_label text NOT NULL CHECK (severity_label IN ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        severity_normalized smallint NOT NULL CHECK (severity_normalized BETWEEN 0 AND 100),
        priority smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
        status text NOT NULL DEFAULT 'NEW' CHECK (status IN
          ('NEW', 'ACKNOWLEDGED', 'INVESTIGATING', 'CONTAINMENT', 'PENDING_CUSTOMER', 'RESOLVED', 'CLOSED')),
        disposition text CHECK (disposition IN ('TRUE_POSITIVE', 'BENIGN_EXPECTED', 'FALSE_POSITIVE', 'DUPLICATE')),
        resolution_summary text,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        tags text[] NOT NULL DEFAULT '{}',
        group_keys text[] NOT NULL DEFAULT '{}',
        merged_into_id uuid REFERENCES cases(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        sla_ack_due_at timestamptz,
        sla_resolve_due_at timestamptz,
        sla_due_at timestamptz,
        sla_state text NOT NULL DEFAULT 'ON_TRACK' CHECK (sla_state IN ('ON_TRACK', 'WARNING', 'BREACHED', 'PAUSED', 'MET')),
        sla_next_check_at timestamptz,
        CONSTRAINT cases_tenant_id_number_key UNIQUE (tenant_id, number),
        -- Resolved and closed cases carry their disposition; open ones none (a reopen clears it).
        CONSTRAINT cases_disposition_status_check CHECK ((disposition IS NOT NULL) = (status IN ('RESOLVED', 'CLOSED')))
      )`);
    // The analyst queue across tenants, in SLA urgency: open cases only, which is what the queue shows.
    await q.query(
      `CREATE INDEX cases_queue_idx ON cases (sla_due_at ASC NULLS LAST, priority, created_at, id) WHERE ${OPEN}`,
    );
    // One tenant's cases, in either order the API offers.
    await q.query(
      `CREATE INDEX cases_tenant_urgency_idx ON cases (tenant_id, sla_due_at ASC NULLS LAST, priority, created_at, id)`,
    );
    await q.query(`CREATE INDEX cases_tenant_created_idx ON cases (tenant_id, created_at DESC, id DESC)`);
    // Grouping looks up open cases sharing a resource or principal key with a batch of raised findings.
    await q.query(`CREATE INDEX cases_group_keys_idx ON cases USING gin (group_keys) WHERE ${OPEN}`);
    await q.query(
      `CREATE INDEX cases_sla_next_check_idx ON cases (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX cases_assignee_idx ON cases (assignee_id) WHERE assignee_id IS NOT NULL`);
    await enableTenantRls(q, 'cases');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON cases TO sieve_app`);

    // Current links; a finding is in at most one open case (enforced by the case service, see CaseFinding).
    await q.query(`
      CREATE TABLE case_findings (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        finding_id uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (reason IN ('raised', 'grouped', 'correlated', 'moved', 'manual')),
        attached_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, finding_id)
      )`);
    await q.query(`CREATE INDEX case_findings_finding_idx ON case_findings (finding_id)`);
    await q.query(
      `CREATE INDEX case_findings_attached_idx ON case_findings (case_id, attached_at DESC, finding_id DESC)`,
    );
    await enableTenantRls(q, 'case_findings');
    await q.query(`GRANT SELECT, INSERT, DELETE ON case_findings TO sieve_app`);

    // The timeline: append-only. `seq` orders entries written by one statement (they share their time).
    await q.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type ~ '^[A-Z][A-Z_]{1,39}$'),
        actor_type text NOT NULL CHECK (actor_type IN ('USER', 'API_KEY', 'SYSTEM')),
        actor_id text,
        at timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, seq)`);
    await enableTenantRls(q, 'case_events');
    await q.query(`GRANT SELECT, INSERT ON case_events TO sieve_app`);
    await q.query(`GRANT USAGE ON SEQUENCE case_events_seq_seq TO sieve_app`);

    await q.query(`
      CREATE TABLE case_observables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('IP', 'DOMAIN', 'PRINCIPAL_ARN', 'ACCESS_KEY_ID', 'RESOURCE_ARN', 'HASH')),
        value text NOT NULL CHECK (length(value) BETWEEN 1 AND 2048),
        source text NOT NULL CHECK (source IN ('FINDING', 'MANUAL')),
        finding_id uuid REFERENCES findings(id) ON DELETE SET NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_observables_case_id_type_value_key UNIQUE (case_id, type, value)
      )`);
    await enableTenantRls(q, 'case_observables');
    await q.query(`GRANT SELECT, INSERT ON case_observables TO sieve_app`);

    await q.query(`
      CREATE TABLE case_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        author_type text NOT NULL CHECK (author_type IN ('USER', 'API_KEY', 'SYSTEM')),
        author_id text,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_comments_case_idx ON case_comments (case_id, created_at DESC, id DESC)`);
    await enableTenantRls(q, 'case_comments');
    await q.query(`GRANT SELECT, INSERT ON case_comments TO sieve_app`);

    await q.query(`
      CREATE TABLE case_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        due_at timestamptz,
        done boolean NOT NULL DEFAULT false,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_tasks_case_idx ON case_tasks (case_id, created_at)`);
    await enableTenantRls(q, 'case_tasks');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON case_tasks TO sieve_app`);

    await q.query(`
      CREATE TABLE case_watchers (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, user_id)
      )`);
    await enableTenantRls(q, 'case_watchers');
    await q.query(`GRANT SELECT, INSERT, DELETE ON case_watchers TO sieve_app`);

    // Retro-correlation looks up a tenant's earlier findings on a resource or a principal.
    await q.query(
      `CREATE INDEX findings_fingerprint_resource_idx ON findings (tenant_id, (fingerprint->>'resourceId'))`,
    );
    await q.query(
      `CREATE INDEX findings_fingerprint_principal_idx ON findings (tenant_id, (fingerprint->>'principalKey'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS findings_fingerprint_principal_idx`);
    await q.query(`DROP INDEX IF EXISTS findings_fingerprint_resource_idx`);
    for (const table of [
      'case_watchers',
      'case_tasks',
      'case_comments',
      'case_observables',
      'case_events',
      'case_findings',
      'cases',
      'case_counters',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
