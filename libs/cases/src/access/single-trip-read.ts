import { type SqlStatementCounter, isUuid } from '@sieve/core';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { inlineParameters, sqlLiteral } from './sql-literal.js';

/** Who reads: one tenant's principal, or an MSSP analyst across the tenants assigned to them (audited). */
export type ReadScope =
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'analyst'; actorId: string; purpose: string; tenantIds: readonly string[] };

export interface Statement {
  text: string;
  values: readonly unknown[];
}

/**
 * A read sent to PostgreSQL as one message: the row-level security context (the transaction-local
 * settings UnitOfWork sets), for an analyst the audit row of the cross-tenant read, then the query. The
 * simple query protocol runs the statements of one message as one implicit transaction: the settings hold
 * for the query, the audit row commits with it (or nothing does), and the connection goes back to the pool
 * with no transaction open, whatever happened. One round trip instead of five (BEGIN, settings, audit,
 * query, COMMIT) on the hottest path of the API, the work queue.
 */
export class SingleTripRead {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: SqlStatementCounter,
  ) {}

  async rows<R>(scope: ReadScope, statement: Statement): Promise<R[]> {
    const parts = [contextSql(scope)];
    if (scope.kind === 'analyst') parts.push(auditSql(scope));
    parts.push(inlineParameters(statement.text, statement.values));
    const runner = this.dataSource.createQueryRunner('master');
    try {
      const client = (await runner.connect()) as PoolClient;
      // Counted as the statements they are, not as one message.
      for (let i = 0; i < parts.length; i++) this.statements.logQuery();
      const results = (await client.query(parts.join(';\n'))) as unknown as { rows: R[] }[];
      return results[results.length - 1].rows;
    } finally {
      await runner.release();
    }
  }
}

function contextSql(scope: ReadScope): string {
  const ids = scope.kind === 'tenant' ? [scope.tenantId] : scope.tenantIds;
  // Policies cast these settings to uuid: a malformed id would fail them all, so refuse it here.
  if (!ids.every(isUuid)) throw new TypeError('tenant ids must be UUIDs');
  const tenantId = scope.kind === 'tenant' ? scope.tenantId : '';
  const tenantIds = scope.kind === 'analyst' ? `{${scope.tenantIds.join(',')}}` : '{}';
  return `SELECT set_config('app.tenant_id', ${sqlLiteral(tenantId)}, true),
    set_config('app.tenant_ids', ${sqlLiteral(tenantIds)}, true), set_config('app.platform', 'off', true)`;
}

/** The row UnitOfWork.withAnalystTenants writes for every cross-tenant read. */
function auditSql(scope: Extract<ReadScope, { kind: 'analyst' }>): string {
  const details = JSON.stringify({ purpose: scope.purpose, tenantIds: scope.tenantIds });
  return `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, target_type, target_id, details)
    VALUES (NULL, 'user', ${sqlLiteral(scope.actorId)}, 'analyst.cross_tenant_read', 'tenants', NULL, ${sqlLiteral(details)})`;
}
