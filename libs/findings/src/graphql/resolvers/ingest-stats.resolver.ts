import { Args, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  CurrentPrincipal,
  ErrorCode,
  PlatformRole,
  type Principal,
  SieveException,
  accessInTenant,
} from '@sieve/core';
import { type IngestStats, IngestStatsService } from '../../query/ingest-stats.service.js';
import { IngestStatsArgs } from '../inputs/ingest-stats.args.js';
import { IngestStatsType } from '../types/ingest-stats.type.js';

/** Platform admins may name any tenant; everyone else reads their credentials' tenant with read access. */
function statsTenant(principal: Principal, requested?: string | null): string {
  if (principal.kind === 'user' && principal.platformRole === PlatformRole.PLATFORM_ADMIN) {
    const target = requested ?? principal.tenantId;
    if (!target) {
      throw new SieveException(ErrorCode.BadUserInput, 'These credentials have no tenant: pass a tenantId');
    }
    return target;
  }
  if (!principal.tenantId || !accessInTenant(principal).has(Access.Read)) {
    throw new SieveException(ErrorCode.Forbidden, 'Requires read access to the tenant');
  }
  if (requested && requested !== principal.tenantId) throw SieveException.notFound('Tenant', requested);
  return principal.tenantId;
}

@Resolver(() => IngestStatsType)
export class IngestStatsResolver {
  constructor(private readonly stats: IngestStatsService) {}

  @Query(() => IngestStatsType, {
    description:
      "Ingestion and triage figures over [from, to) of the credentials' tenant (platform admins: any tenant).",
  })
  ingestStats(@CurrentPrincipal() principal: Principal, @Args() args: IngestStatsArgs): Promise<IngestStats> {
    return this.stats.stats(statsTenant(principal, args.tenantId), args.from, args.to);
  }
}
