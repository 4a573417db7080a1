import { runMigrations } from '../../migrations/run-migrations.js';

// Runs before each integration/e2e test file; applying migrations is a no-op once the run's database is
// current, so only the first file pays for it.
beforeAll(async () => {
  await runMigrations(process.env.DATABASE_URL!, { appPassword: process.env.DATABASE_APP_PASSWORD });
}, 60_000);
