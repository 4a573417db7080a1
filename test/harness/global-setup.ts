import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

// Jest loads global setup outside its module system, so this file imports only packages (no relative
// .js imports of TypeScript files). Migrations run from `migrate-once.ts`, inside the test environment.
const RUN_STATE_KEY = 'SIEVE_TEST_RUN';

/**
 * Every test run gets its own database (created here, migrated by the first test file, dropped by global
 * teardown) and its own Redis key prefix, so tests never touch development data and can run while
 * `npm start` is up. The values reach the test files through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[RUN_STATE_KEY]) return; // several Jest projects share one run
  const adminUrl = process.env.TEST_DATABASE_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/postgres`;
  const run = randomBytes(4).toString('hex');
  const database = `sieve_test_${Date.now()}_${run}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${database}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `sieve-test-${run}`;
  Object.assign(process.env, {
    [RUN_STATE_KEY]: JSON.stringify({ adminUrl, database, redisUrl, redisPrefix }),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: ownerUrl.toString(),
    DATABASE_APP_PASSWORD: `test-${run}`,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
}
