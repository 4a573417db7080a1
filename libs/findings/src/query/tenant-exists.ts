import { SieveException } from '@sieve/core';
import type { EntityManager } from 'typeorm';

/**
 * For operations where platform staff name the tenant: an unknown tenant answers NOT_FOUND rather than
 * an empty result. Runs inside `withTenant(tenantId)`, where the tenant's own row is readable.
 */
export async function assertTenantExists(manager: EntityManager, tenantId: string): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId]);
  if (rows.length === 0) throw SieveException.notFound('Tenant', tenantId);
}
