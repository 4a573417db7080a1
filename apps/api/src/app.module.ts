import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule, AuthenticationGuard } from '@sieve/auth';
import { AwsApiModule } from '@sieve/aws';
import { FindingsApiModule } from '@sieve/findings';
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
  ErrorCode,
  LoggerModule,
  RedisModule,
  SieveException,
  SieveExceptionFilter,
} from '@sieve/core';
import { TenancyApiModule } from '@sieve/tenancy';
import type { ValidationError } from 'class-validator';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { GraphqlMetricsPlugin } from './metrics/graphql-metrics.plugin.js';
import { MetricsModule } from './metrics/metrics.module.js';

function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`),
      ...describeValidationErrors(e.children ?? [], path),
    ];
  });
}

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
      imports: [MetricsModule],
      inject: [AppConfigService, GraphqlMetricsPlugin],
      useFactory: (config: AppConfigService, metricsPlugin: GraphqlMetricsPlugin) => {
        const options = graphqlOptions(config);
        return { ...options, plugins: [...(options.plugins ?? []), metricsPlugin] };
      },
    }),
    AuthModule,
    TenancyApiModule,
    AwsApiModule,
    FindingsApiModule,
  ],
  providers: [
    // Guards run in this order: who is calling, then may they.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
    { provide: APP_FILTER, useClass: SieveExceptionFilter },
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        transform: true,
        whitelist: true,
        exceptionFactory: (errors) =>
          new SieveException(
            ErrorCode.BadUserInput,
            describeValidationErrors(errors).join('; ') || 'Invalid input',
          ),
      }),
    },
  ],
})
export class AppModule {}
