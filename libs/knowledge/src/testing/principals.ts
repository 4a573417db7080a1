import { randomUUID } from 'node:crypto';
import { PlatformRole, TenantRole, type UserPrincipal } from '@sieve/core';

export function tenantAdmin(tenantId: string): UserPrincipal {
  return {
    kind: 'user',
    userId: randomUUID(),
    email: 'admin@tenant.example',
    platformRole: null,
    tenantId,
    tenantRole: TenantRole.TENANT_ADMIN,
    assignedTenantIds: [],
  };
}

export function msspAnalyst(tenantId: string, assigned: string[]): UserPrincipal {
  return {
    kind: 'user',
    userId: randomUUID(),
    email: 'analyst@mssp.example',
    platformRole: PlatformRole.MSSP_ANALYST,
    tenantId,
    tenantRole: null,
    assignedTenantIds: assigned,
  };
}
