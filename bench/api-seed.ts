import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface ApiBenchData {
  tenantIds: string[];
  analystId: string;
  cases: number;
}

/**
 * Seeds, as the schema owner and with set-based SQL, `cases` cases over `tenants` tenants: about two thirds
 * open (the queue), SLA deadlines spread over the next days, a third assigned, one to four linked findings
 * each and a comment on every other case; plus one MSSP analyst assigned to every tenant. Findings carry the
 * columns the schema requires and an empty raw document: the queue never reads them.
 */
export async function seedCases(owner: pg.Client, tenants: number, cases: number): Promise<ApiBenchData> {
  const tenantIds = Array.from({ length: tenants }, () => randomUUID());
  const analystId = randomUUID();
  await owner.query(
    `INSERT INTO users (id, email, display_name, platform_role) VALUES ($1, 'analyst@bench.example', 'Bench Analyst', 'MSSP_ANALYST')`,
    [analystId],
  );
  const analysts = Array.from({ length: 20 }, () => randomUUID());
  await owner.query(
    `INSERT INTO users (id, email, display_name)
     SELECT u, 'analyst-' || i || '@bench.example', 'Analyst ' || i FROM unnest($1::uuid[]) WITH ORDINALITY AS a(u, i)`,
    [analysts],
  );
  for (const [i, id] of tenantIds.entries()) {
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, $2, 'UTC', 'STANDARD')`,
      [id, `bench${i}`],
    );
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2)`, [
      analystId,
      id,
    ]);
  }
  const perTenant = Math.ceil(cases / tenants);
  for (const tenantId of tenantIds) {
    await owner.query(
      `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, status,
         disposition, assignee_id, group_keys, created_at, last_activity_at, sla_due_at, sla_state)
       SELECT $1, n, 'Recon:EC2/PortProbeUnprotectedPort on i-' || lpad(n::text, 8, '0'),
         (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + n % 4], (ARRAY[20,50,70,90])[1 + n % 4], 1 + n % 5,
         CASE WHEN n % 3 = 0 THEN 'RESOLVED' ELSE (ARRAY['NEW','ACKNOWLEDGED','INVESTIGATING'])[1 + n % 3] END,
         CASE WHEN n % 3 = 0 THEN 'BENIGN_EXPECTED' END,
         CASE WHEN n % 3 = 1 THEN ($3::uuid[])[1 + n % 20] END,
         ARRAY['resource:i-' || n], now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval,
         CASE WHEN n % 3 <> 0 THEN now() + ((n % 5000) || ' minutes')::interval END,
         (ARRAY['ON_TRACK','ON_TRACK','WARNING','BREACHED'])[1 + n % 4]
       FROM generate_series(1, $2::int) AS n`,
      [tenantId, perTenant, analysts],
    );
    await owner.query(`INSERT INTO case_counters (tenant_id, last_number) VALUES ($1, $2)`, [
      tenantId,
      perTenant,
    ]);
    await owner.query(
      `WITH f AS (
         INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type,
           types, title, severity_label, severity_normalized, provider_created_at, provider_updated_at,
           resources, observables, raw, triage_status, verdict, verdict_at)
         SELECT c.tenant_id, 'arn:aws:securityhub:us-east-1::product/aws/guardduty', c.id || '/' || k,
           'securityhub', '123456789012', 'us-east-1', 'Recon:EC2/PortProbeUnprotectedPort',
           '{TTPs/Discovery}', c.title, c.severity_label, c.severity_normalized, c.created_at, c.created_at,
           '[]', '{}', '{}', 'DONE', 'RAISED', c.created_at
         FROM cases c, generate_series(1, 1 + c.number % 4) AS k
         WHERE c.tenant_id = $1
         RETURNING id, tenant_id, finding_id
       )
       INSERT INTO case_findings (case_id, finding_id, tenant_id, reason)
       SELECT split_part(f.finding_id, '/', 1)::uuid, f.id, f.tenant_id, 'raised' FROM f`,
      [tenantId],
    );
    await owner.query(
      `INSERT INTO case_comments (tenant_id, case_id, author_type, author_id, body, created_at)
       SELECT tenant_id, id, 'USER', $2::text, 'Checked the security group: port ' || number % 1000 || ' is open on purpose.',
         created_at + interval '5 minutes'
       FROM cases WHERE tenant_id = $1 AND number % 2 = 0`,
      [tenantId, analystId],
    );
  }
  await owner.query('ANALYZE');
  return { tenantIds, analystId, cases: perTenant * tenants };
}
