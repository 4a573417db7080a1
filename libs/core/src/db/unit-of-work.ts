import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, SieveException } from '../errors/sieve.exception.js';
import { type TenantContext, currentTenantContext, tenantContextStorage } from './tenant-context.js';
import { isUuid } from './uuid.js';

export interface CrossTenantAccess {
  /** Who reads across tenants (an MSSP analyst's user id) and why; both land in the audit log. */
  actorId: string;
  purpose: string;
  tenantIds: readonly string[];
}

function assertUuid(id: string): void {
  // A malformed id would make every policy's ::uuid cast fail; answer as for an unknown tenant.
  if (!isUuid(id)) throw new SieveException(ErrorCode.NotFound, `tenant ${id} not found`);
}

/**
 * Every database access runs inside one of these units of work: a transaction whose first statement
 * sets the transaction-local settings the row-level security policies read. The application role has no
 * BYPASSRLS, so a query issued outside a unit of work sees no tenant rows at all.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads and writes of one tenant. Nested calls for the same tenant join the open transaction. */
  withTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    assertUuid(tenantId);
    const open = currentTenantContext();
    if (open && open.tenantId === tenantId) return work(open.manager);
    return this.run({ tenantId, tenantIds: [], platform: false }, work);
  }

  /**
   * The explicit, audited path by which an MSSP analyst reads across the tenants assigned to them. Rows
   * of those tenants become readable; writes still need `withTenant` on exactly one tenant.
   */
  withAnalystTenants<T>(access: CrossTenantAccess, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    access.tenantIds.forEach(assertUuid);
    return this.run({ tenantIds: [...access.tenantIds], platform: false }, async (manager) => {
      await manager.query(
        `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, target_type, target_id, details)
         VALUES (NULL, 'user', $1, 'analyst.cross_tenant_read', 'tenants', NULL, $2)`,
        [access.actorId, JSON.stringify({ purpose: access.purpose, tenantIds: access.tenantIds })],
      );
      return work(manager);
    });
  }

  /**
   * Platform scope, for platform administration and system jobs: the tenants table, analyst assignments,
   * API key lookup and the audit log. Tenant data tables stay closed to it.
   */
  withPlatform<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = currentTenantContext();
    if (open?.platform) return work(open.manager);
    return this.run({ tenantIds: [], platform: true }, work);
  }

  /** Switches the open unit of work to another tenant (e.g. right after creating it in platform scope). */
  async enterTenant(tenantId: string): Promise<void> {
    assertUuid(tenantId);
    const context = this.requireContext();
    await context.manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    context.tenantId = tenantId;
  }

  requireContext(): TenantContext {
    const context = currentTenantContext();
    if (!context) {
      throw new SieveException(ErrorCode.Internal, 'Database access outside a unit of work');
    }
    return context;
  }

  private run<T>(
    scope: Omit<TenantContext, 'manager'>,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT set_config('app.tenant_id', $1, true), set_config('app.tenant_ids', $2, true),
                set_config('app.platform', $3, true)`,
        [scope.tenantId ?? '', `{${scope.tenantIds.join(',')}}`, scope.platform ? 'on' : 'off'],
      );
      return tenantContextStorage.run({ ...scope, manager }, () => work(manager));
    });
  }
}
