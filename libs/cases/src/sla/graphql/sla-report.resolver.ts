import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@sieve/core';
import { SlaAccess } from '../access/sla-scope.js';
import type { SlaReport } from '../report/sla-figures.js';
import { SlaReportService } from '../report/sla-report.service.js';
import { SlaReportArgs, SlaReportType } from './sla-report.type.js';

@Resolver(() => SlaReportType)
export class SlaReportResolver {
  constructor(
    private readonly access: SlaAccess,
    private readonly reports: SlaReportService,
  ) {}

  @Query(() => SlaReportType, {
    description:
      'MTTA, MTTR and SLA compliance of the cases created in [from, to): in total, per tenant, per severity ' +
      'and per analyst. Tenant users see their tenant, MSSP analysts their assigned tenants, platform admins all.',
  })
  async slaReport(@CurrentPrincipal() principal: Principal, @Args() args: SlaReportArgs): Promise<SlaReport> {
    const scope = await this.access.reportScope(principal, args.tenantId);
    return this.reports.report(scope, args.from, args.to);
  }
}
