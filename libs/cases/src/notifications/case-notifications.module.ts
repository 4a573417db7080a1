import { Module } from '@nestjs/common';
import { NotifyModule } from '@sieve/notify';
import { CasesModule } from '../cases.module.js';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { CaseWebhooksListener } from './case-webhooks.listener.js';

/**
 * Case changes to the outside, for every process that changes cases (API and worker): webhook deliveries
 * in the outbox and the NOTIFY that feeds GraphQL subscriptions, both in the change's transaction.
 */
@Module({
  imports: [CasesModule, NotifyModule],
  providers: [CaseWebhooksListener, CaseChangeNotifier],
})
export class CaseNotificationsModule {}
