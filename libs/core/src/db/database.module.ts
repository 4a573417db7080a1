import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '../config/app-config.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { appDatabaseUrl } from './database-urls.js';
import { SqlStatementCounter } from './sql-statement-counter.js';
import { UnitOfWork } from './unit-of-work.js';

/** Holds the one counter, so that the DataSource factory and the rest of the application share it. */
@Module({ providers: [SqlStatementCounter], exports: [SqlStatementCounter] })
class SqlStatementCounterModule {}

/** The application's connection (as the `sieve_app` role) and the unit of work that scopes it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(opts: { applicationName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        SqlStatementCounterModule,
        TypeOrmModule.forRootAsync({
          imports: [SqlStatementCounterModule],
          inject: [AppConfigService, SqlStatementCounter],
          useFactory: (config: AppConfigService, counter: SqlStatementCounter) => ({
            ...buildDataSourceOptions({
              url: appDatabaseUrl(config.values),
              entities: [],
              poolSize: config.values.DATABASE_POOL_SIZE,
              applicationName: opts.applicationName,
            }),
            autoLoadEntities: true,
            logger: counter,
          }),
        }),
      ],
      providers: [UnitOfWork],
      exports: [UnitOfWork, SqlStatementCounterModule],
    };
  }
}
