import { Args, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type AuditLogEntry,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  ErrorCode,
  PlatformRole,
  type Principal,
  SieveException,
  accessInTenant,
} from '@sieve/core';
import { AuditLogService } from '../../audit/audit-log.service.js';
import { AuditLogFilterInput } from '../inputs/audit-log-filter.input.js';
import { AuditLogEntryConnection, AuditLogEntryType } from '../types/audit-log-entry.type.js';

@Resolver(() => AuditLogEntryType)
export class AuditLogResolver {
  constructor(private readonly entries: AuditLogService) {}

  @Query(() => AuditLogEntryConnection, {
    description: "Tenant admins: their tenant's entries. Platform admins: every entry, or one tenant's.",
  })
  auditLog(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
    @Args('filter', { nullable: true }) filter?: AuditLogFilterInput,
  ): Promise<Connection<AuditLogEntry>> {
    const { tenantId, ...rest } = filter ?? {};
    if (principal.kind === 'user' && principal.platformRole === PlatformRole.PLATFORM_ADMIN) {
      return tenantId ? this.entries.forTenant(tenantId, rest, args) : this.entries.forPlatform(rest, args);
    }
    if (!principal.tenantId || !accessInTenant(principal).has(Access.Admin)) {
      throw new SieveException(ErrorCode.Forbidden, 'Requires admin access to the tenant');
    }
    if (tenantId && tenantId !== principal.tenantId) throw SieveException.notFound('Tenant', tenantId);
    return this.entries.forTenant(principal.tenantId, rest, args);
  }
}
