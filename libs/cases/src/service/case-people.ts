import { ErrorCode, type Principal, SieveException, TenantRole, isUuid } from '@sieve/core';
import type { EntityManager } from 'typeorm';

/** Roles of tenant members who may be given cases and tasks (viewers may only watch). */
const WORKING_ROLES = [TenantRole.TENANT_ADMIN, TenantRole.TENANT_ANALYST];
const ALL_ROLES = Object.values(TenantRole);

/**
 * Whether a person has standing in the open tenant: an enabled member (in one of `roles`) or an MSSP
 * analyst assigned to it. Anyone else answers NOT_FOUND, as people of other tenants must not be probed.
 */
export async function assertPersonInTenant(
  manager: EntityManager,
  tenantId: string,
  userId: string,
  purpose: 'work' | 'watch',
): Promise<void> {
  if (!isUuid(userId)) throw SieveException.notFound('User', userId);
  const [row] = (await manager.query(
    `SELECT EXISTS (
       SELECT 1 FROM users u WHERE u.id = $2 AND u.disabled_at IS NULL AND (
         EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = $1 AND m.user_id = u.id AND m.role = ANY($3::text[]))
         OR (u.platform_role = 'MSSP_ANALYST'
             AND EXISTS (SELECT 1 FROM analyst_assignments a WHERE a.tenant_id = $1 AND a.user_id = u.id)))
     ) AS ok`,
    [tenantId, userId, purpose === 'work' ? WORKING_ROLES : ALL_ROLES],
  )) as { ok: boolean }[];
  if (!row.ok) throw SieveException.notFound('User', userId);
}

/** The person behind the credentials; integrations (API keys) are not people. */
export function personOf(principal: Principal, what: string): string {
  if (principal.kind !== 'user') {
    throw new SieveException(ErrorCode.BadUserInput, `Only a person can ${what}; an API key is not one`);
  }
  return principal.userId;
}
