import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * What the current unit of work may see. Mirrors the transaction-local Postgres settings that the
 * row-level security policies read: `app.tenant_id`, `app.tenant_ids` and `app.platform`.
 */
export interface TenantContext {
  readonly manager: EntityManager;
  /** The single tenant this unit of work reads and writes. */
  tenantId?: string;
  /** Extra tenants readable (never writable) in an MSSP analyst's audited cross-tenant context. */
  readonly tenantIds: readonly string[];
  /** Platform scope: tenants, analyst assignments, key lookup and the whole audit log. */
  readonly platform: boolean;
}

export const tenantContextStorage = new AsyncLocalStorage<TenantContext>();

export function currentTenantContext(): TenantContext | undefined {
  return tenantContextStorage.getStore();
}
