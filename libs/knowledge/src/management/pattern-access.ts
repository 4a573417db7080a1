import { Access, PlatformRole, type Principal, accessInTenant } from '@sieve/core';
import { KnowledgeException } from '../knowledge.exception.js';

/**
 * Who may create, change and retire a tenant's patterns: its admins (people or admin keys), and MSSP
 * analysts assigned to it, acting in it. A tenant analyst or viewer may read them, not change them: a
 * pattern silences findings for the whole tenant.
 */
export function mayManagePatterns(principal: Principal): boolean {
  const tenantId = principal.tenantId;
  if (!tenantId) return false;
  if (accessInTenant(principal).has(Access.Admin)) return true;
  return (
    principal.kind === 'user' &&
    principal.platformRole === PlatformRole.MSSP_ANALYST &&
    principal.assignedTenantIds.includes(tenantId)
  );
}

export function assertMayManagePatterns(principal: Principal): string {
  if (!mayManagePatterns(principal)) throw KnowledgeException.mayNotManage();
  return principal.tenantId!;
}
