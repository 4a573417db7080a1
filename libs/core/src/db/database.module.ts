import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '../config/app-config.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { appDatabaseUrl } from './database-urls.js';
import { UnitOfWork } from './unit-of-work.js';

/** The application's connection (as the `sieve_app` role) and the unit of work that scopes it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(opts: { applicationName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => ({
            ...buildDataSourceOptions({
              url: appDatabaseUrl(config.values),
              entities: [],
              poolSize: config.values.DATABASE_POOL_SIZE,
              applicationName: opts.applicationName,
            }),
            autoLoadEntities: true,
          }),
        }),
      ],
      providers: [UnitOfWork],
      exports: [UnitOfWork],
    };
  }
}
