import { Module } from '@nestjs/common';
import { NotifySubscriptionsModule } from '@sieve/notify';
import { CasesModule } from '../cases.module.js';
import { CaseUpdatedResolver } from './case-updated.resolver.js';

/** The API's case subscriptions (`caseUpdated`), fed by the NOTIFY of every process's case changes. */
@Module({
  imports: [CasesModule, NotifySubscriptionsModule],
  providers: [CaseUpdatedResolver],
})
export class CaseSubscriptionsModule {}
