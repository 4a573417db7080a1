import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases.module.js';
import { SlaAccess } from './access/sla-scope.js';
import { SLA_ENTITIES } from './entities.js';
import { SlaPoliciesService } from './policy/sla-policies.service.js';
import { SlaPolicyStore } from './policy/sla-policy-store.js';
import { SlaReportService } from './report/sla-report.service.js';
import { SlaService } from './sla.service.js';
import { SlaSweeper } from './sweep/sla-sweeper.js';

const SERVICES = [SlaService, SlaPolicyStore, SlaPoliciesService, SlaSweeper, SlaReportService, SlaAccess];

/**
 * SLA policies, clocks and the sweeper. Importing it registers the SLA listener on case changes, so every
 * process that changes cases (API, worker) must import it.
 */
@Module({
  imports: [CasesModule, TypeOrmModule.forFeature(SLA_ENTITIES)],
  providers: SERVICES,
  exports: SERVICES,
})
export class SlaModule {}
