import { Module } from '@nestjs/common';
import { SlaPolicyResolver } from './graphql/sla-policy.resolver.js';
import { SlaReportResolver } from './graphql/sla-report.resolver.js';
import { SlaModule } from './sla.module.js';

/** The SLA GraphQL operations: policies (read, override, calendar) and the SLA report. */
@Module({
  imports: [SlaModule],
  providers: [SlaPolicyResolver, SlaReportResolver],
})
export class SlaApiModule {}
