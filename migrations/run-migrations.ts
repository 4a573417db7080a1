import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@sieve/core';
import { ALL_ENTITIES } from './entities.js';
import { MIGRATIONS } from './index.js';

export function ownerDataSource(ownerUrl: string): DataSource {
  return new DataSource(
    buildDataSourceOptions({
      url: ownerUrl,
      entities: ALL_ENTITIES,
      migrations: MIGRATIONS,
      poolSize: 2,
      applicationName: 'sieve-migrate',
    }),
  );
}

/**
 * Runs pending migrations as the schema owner, each in its own transaction, then gives the application
 * role its password (kept out of migrations, which are code). Returns the names it applied.
 */
export async function runMigrations(
  ownerUrl: string,
  opts: { appPassword?: string } = {},
): Promise<string[]> {
  const dataSource = ownerDataSource(ownerUrl);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (opts.appPassword) {
      // ALTER ROLE takes no bind parameters; quote_literal does the escaping server-side.
      const [{ literal }] = (await dataSource.query(`SELECT quote_literal($1::text) AS literal`, [
        opts.appPassword,
      ])) as [{ literal: string }];
      await dataSource.query(`ALTER ROLE sieve_app WITH LOGIN PASSWORD ${literal}`);
    }
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** SQL statements the entities would still need: empty when every entity change has its migration. */
export async function pendingSchemaChanges(ownerUrl: string): Promise<string[]> {
  const dataSource = ownerDataSource(ownerUrl);
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}
