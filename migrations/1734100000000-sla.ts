import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/rls.js';

const SEVERITIES = `('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL')`;

/**
 * SLA: a tenant's overrides of its contract tier's targets, its calendar, and the clocks of each case as
 * last evaluated from the timeline (what the SLA report aggregates). The deadlines the queue orders by are
 * the `sla_*` columns of `cases`.
 */
export class Sla1734100000000 implements MigrationInterface {
  name = 'Sla1734100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_policies (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        severity_label text NOT NULL CHECK (severity_label IN ${SEVERITIES}),
        ack_minutes integer NOT NULL CHECK (ack_minutes BETWEEN 1 AND 525600),
        resolve_minutes integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, severity_label),
        CONSTRAINT sla_policies_resolve_minutes_check CHECK (resolve_minutes BETWEEN ack_minutes AND 525600)
      )`);
    await enableTenantRls(q, 'sla_policies');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON sla_policies TO sieve_app`);

    await q.query(`
      CREATE TABLE sla_calendars (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('ALWAYS', 'BUSINESS_HOURS')),
        weekly_hours jsonb NOT NULL,
        holidays text[] NOT NULL CHECK (cardinality(holidays) <= 1000),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await enableTenantRls(q, 'sla_calendars');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON sla_calendars TO sieve_app`);

    await q.query(`
      CREATE TABLE case_sla_clocks (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        clock text NOT NULL CHECK (clock IN ('ACK', 'RESOLVE')),
        cycle integer NOT NULL CHECK (cycle >= 0),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        severity_label text NOT NULL,
        budget_minutes integer NOT NULL CHECK (budget_minutes > 0),
        started_at timestamptz NOT NULL,
        warning_at timestamptz,
        due_at timestamptz,
        stopped_at timestamptz,
        elapsed_ms bigint,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        met boolean,
        warned_at timestamptz,
        breach_raised_at timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, clock, cycle)
      )`);
    await enableTenantRls(q, 'case_sla_clocks');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON case_sla_clocks TO sieve_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_sla_clocks`);
    await q.query(`DROP TABLE IF EXISTS sla_calendars`);
    await q.query(`DROP TABLE IF EXISTS sla_policies`);
  }
}
