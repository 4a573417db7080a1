import { Module } from '@nestjs/common';
import { AuthModule } from '@sieve/auth';
import { TenancyModule } from '@sieve/tenancy';
import { NotifyModule } from '../notify.module.js';
import { LiveFeed } from './live-feed.js';
import { SubscriptionAuthenticator } from './subscription-authenticator.js';

/** GraphQL subscriptions' plumbing for the API: authentication of connections and the live event feed. */
@Module({
  imports: [NotifyModule, AuthModule, TenancyModule],
  providers: [SubscriptionAuthenticator, LiveFeed],
  exports: [SubscriptionAuthenticator, LiveFeed],
})
export class NotifySubscriptionsModule {}
