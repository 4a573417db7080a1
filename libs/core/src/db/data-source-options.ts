import type { DataSourceOptions } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = (Function | string)[];

/** One definition of the connection, shared by the running apps and the migration CLI. */
export function buildDataSourceOptions(opts: {
  url: string;
  entities: Entities;
  migrations?: Entities;
  poolSize?: number;
  applicationName: string;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities: opts.entities,
    migrations: opts.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: opts.applicationName,
    extra: { max: opts.poolSize ?? 10 },
  };
}
