import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule, AuthenticationGuard } from '@sieve/auth';
import {
  AppConfigService,
  AuditModule,
  AuthorizationGuard,
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

function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`), ...describeValidationErrors(e.children ?? [], path)];
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
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfigService],
      useFactory: graphqlOptions,
    }),
    AuthModule,
    TenancyApiModule,
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
          new SieveException(ErrorCode.BadUserInput, describeValidationErrors(errors).join('; ') || 'Invalid input'),
      }),
    },
  ],
})
export class AppModule {}
