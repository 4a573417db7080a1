import { Injectable } from '@nestjs/common';
import {
  Access,
  ErrorCode,
  PlatformRole,
  type Principal,
  SieveException,
  SqlStatementCounter,
  UnitOfWork,
  accessInTenant,
  isUuid,
} from '@sieve/core';
import { DataSource, type EntityManager } from 'typeorm';
import { SingleTripRead, type Statement } from './single-trip-read.js';

function isMsspAnalyst(principal: Principal): boolean {
  return principal.kind === 'user' && principal.platformRole === PlatformRole.MSSP_ANALYST;
}

/**
 * Who may see and change which tenant's cases. Tenant users and API keys: their own tenant, by their
 * role or scopes. MSSP analysts: every tenant assigned to them (the list comes with the principal, never
 * older than the last change to the assignments), read through the audited cross-tenant path and written
 * one tenant at a time.
 */
@Injectable()
export class CaseAccess {
  private readonly singleTrip: SingleTripRead;

  constructor(
    private readonly uow: UnitOfWork,
    dataSource: DataSource,
    statements: SqlStatementCounter,
  ) {
    this.singleTrip = new SingleTripRead(dataSource, statements);
  }

  /** Tenants whose cases the principal may read. */
  readableTenants(principal: Principal): string[] {
    const own = principal.tenantId && accessInTenant(principal).has(Access.Read) ? [principal.tenantId] : [];
    if (principal.kind !== 'user' || !isMsspAnalyst(principal)) return own;
    return [...new Set([...principal.assignedTenantIds, ...own])];
  }

  /** Whether the principal may make a change needing `access` to cases of `tenantId`. */
  canWrite(principal: Principal, tenantId: string, access: Access = Access.Write): boolean {
    if (
      principal.kind === 'user' &&
      isMsspAnalyst(principal) &&
      principal.assignedTenantIds.includes(tenantId)
    ) {
      return true;
    }
    return principal.tenantId === tenantId && accessInTenant(principal).has(access);
  }

  /**
   * A read across the principal's readable tenants: its own tenant's unit of work when that is all it
   * reads, else the analyst's audited cross-tenant one. Null when it may read no tenant at all.
   */
  read<T>(
    principal: Principal,
    purpose: string,
    work: (manager: EntityManager, tenantIds: string[]) => Promise<T>,
  ): Promise<T> | null {
    const tenantIds = this.readableTenants(principal);
    if (tenantIds.length === 0) return null;
    if (tenantIds.length === 1 && tenantIds[0] === principal.tenantId) {
      return this.uow.withTenant(tenantIds[0], (manager) => work(manager, tenantIds));
    }
    if (principal.kind !== 'user') throw new SieveException(ErrorCode.Internal, 'Cross-tenant read by a key');
    return this.uow.withAnalystTenants({ actorId: principal.userId, purpose, tenantIds }, (manager) =>
      work(manager, tenantIds),
    );
  }

  /**
   * The rows of one statement over the principal's readable tenants, with the same scoping and audit as
   * `read`, sent as one message (see SingleTripRead). Null when it may read no tenant at all, or when
   * `statement` declines (returns null) for the tenants it is given.
   */
  async rows<R>(
    principal: Principal,
    purpose: string,
    statement: (tenantIds: string[]) => Statement | null,
  ): Promise<{ rows: R[]; tenantIds: string[] } | null> {
    const tenantIds = this.readableTenants(principal);
    if (tenantIds.length === 0) return null;
    const built = statement(tenantIds);
    if (!built) return null;
    if (tenantIds.length === 1 && tenantIds[0] === principal.tenantId) {
      return {
        rows: await this.singleTrip.rows<R>({ kind: 'tenant', tenantId: tenantIds[0] }, built),
        tenantIds,
      };
    }
    if (principal.kind !== 'user') throw new SieveException(ErrorCode.Internal, 'Cross-tenant read by a key');
    const scope = { kind: 'analyst' as const, actorId: principal.userId, purpose, tenantIds };
    return { rows: await this.singleTrip.rows<R>(scope, built), tenantIds };
  }

  /**
   * The tenant of a case the principal can see. NOT_FOUND alike for a malformed id, an unknown one and one
   * of a tenant the principal may not read.
   */
  async tenantOfCase(principal: Principal, caseId: string): Promise<string> {
    if (!isUuid(caseId)) throw SieveException.notFound('Case', caseId);
    const readable = this.readableTenants(principal);
    // A principal of one tenant changes that tenant's cases: its unit of work will not find another's.
    if (readable.length === 1 && readable[0] === principal.tenantId) return readable[0];
    const found = await this.read(principal, 'case lookup', async (manager, tenantIds) => {
      const rows = (await manager.query(
        `SELECT tenant_id FROM cases WHERE id = $1 AND tenant_id = ANY($2::uuid[])`,
        [caseId, tenantIds],
      )) as { tenant_id: string }[];
      return rows[0]?.tenant_id ?? null;
    });
    if (!found) throw SieveException.notFound('Case', caseId);
    return found;
  }

  /** Refuses a change the principal may not make in a tenant it can read (FORBIDDEN, not NOT_FOUND). */
  assertCanWrite(principal: Principal, tenantId: string, access: Access = Access.Write): void {
    if (!this.canWrite(principal, tenantId, access)) {
      throw new SieveException(ErrorCode.Forbidden, `Requires ${access} access to the case's tenant`);
    }
  }
}
