import { loadConfig } from '@sieve/core';
import { ownerDataSource } from './run-migrations.js';

/**
 * For the TypeORM CLI (`npx typeorm migration:generate -d dist/migrations/data-source.js ...`): the same
 * connection definition the application and `npm run migrate` use, as the schema owner.
 */
export default ownerDataSource(loadConfig().DATABASE_URL);
