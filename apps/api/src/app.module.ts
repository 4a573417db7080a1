import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule, AuthenticationGuard } from '@sieve/auth';
import { AwsApiModule } from '@sieve/aws';
import { FindingsApiModule } from '@sieve/findings';
import { KnowledgeApiModule, PatternLearningApiModule, PoolingApiModule } from '@sieve/knowledge';
import { TriageRequestsModule } from '@sieve/triage';
import { BullModule } from '@nestjs/bullmq';
import {
  AppConfigService,
  AuditModule,
  AuthorizationGuard,
  bullRootOptions,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  LoggerModule,
  RedisModule,
  SieveExceptionFilter,
} from '@sieve/core';
import { TenancyApiModule } from '@sieve/tenancy';
import {
  CaseLearningModule,
  CaseNotificationsModule,
  CaseSubscriptionsModule,
  CasesApiModule,
  SlaApiModule,
} from '@sieve/cases';
import { NotifyApiModule, NotifySubscriptionsModule, SubscriptionAuthenticator } from '@sieve/notify';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { InputValidationPipe } from './validation/input-validation.pipe.js';
import { GraphqlMetricsPlugin } from './metrics/graphql-metrics.plugin.js';
import { MetricsModule } from './metrics/metrics.module.js';

@Module({
  imports: [
    ConfigModule.forRoot(),
    LoggerModule.forRoot('api'),
    ClockModule,
    DatabaseModule.forRoot({ applicationName: 'sieve-api' }),
    RedisModule,
    AuditModule,
    // The API produces jobs (triage wake-ups after a push); the worker consumes them.
    BullModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => bullRootOptions(config.values),
    }),
    TriageRequestsModule,
    HealthModule,
    MetricsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [MetricsModule, NotifySubscriptionsModule],
      inject: [AppConfigService, GraphqlMetricsPlugin, SubscriptionAuthenticator],
      useFactory: (
        config: AppConfigService,
        metricsPlugin: GraphqlMetricsPlugin,
        subscriptions: SubscriptionAuthenticator,
      ) => {
        const options = graphqlOptions(config, subscriptions);
        return { ...options, plugins: [...(options.plugins ?? []), metricsPlugin] };
      },
    }),
    AuthModule,
    TenancyApiModule,
    AwsApiModule,
    FindingsApiModule,
    CasesApiModule,
    KnowledgeApiModule,
    NotifyApiModule,
    CaseNotificationsModule,
    CaseSubscriptionsModule,
    SlaApiModule,
    // The closed learning loop: proposals from resolved cases, backtests, approvals, policy.
    PatternLearningApiModule,
    // The pool, for platform admins: pooled shapes, a cycle on demand, rejecting a shape.
    PoolingApiModule,
    CaseLearningModule,
  ],
  providers: [
    // Guards run in this order: who is calling, then may they.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
    { provide: APP_FILTER, useClass: SieveExceptionFilter },
    { provide: APP_PIPE, useClass: InputValidationPipe },
  ],
})
export class AppModule {}
