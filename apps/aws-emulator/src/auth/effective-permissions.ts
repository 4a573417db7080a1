import type { Emulator } from '../emulator.js';
import type { Principal } from '../state/identity.types.js';

/**
 * The IAM actions a caller may use right now. A session of a deleted role keeps its credentials
 * but loses every permission, as the role's policies are gone with it.
 */
export function effectivePermissions(emulator: Emulator, principal: Principal): string[] {
  if (principal.kind === 'user') return principal.user.permissions;
  const { roleArn } = principal.session;
  if (emulator.faults.isRoleDeleted(roleArn)) return [];
  return emulator.state.identity.findRole(roleArn)?.permissions ?? [];
}
