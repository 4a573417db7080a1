import { Module } from '@nestjs/common';
import { AuthModule } from '@sieve/auth';
import { AwsModule } from '@sieve/aws';
import { AuditModule, ClockModule, ConfigModule, DatabaseModule, RedisModule } from '@sieve/core';
import { TenancyModule } from '@sieve/tenancy';

/** The services the CLI drives: the same ones the API uses, without HTTP. */
@Module({
  imports: [
    ConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot({ applicationName: 'sieve-cli' }),
    RedisModule,
    AuditModule,
    TenancyModule,
    AuthModule,
    AwsModule,
  ],
})
export class CliModule {}
