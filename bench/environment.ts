import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runMigrations } from '../migrations/run-migrations.js';

/** The benchmark's own database and Redis prefix, made the way test/harness/global-setup.ts makes them. */
export interface BenchEnvironment {
  adminUrl: string;
  ownerUrl: string;
  database: string;
  redisUrl: string;
  redisPrefix: string;
  /** Environment of the API and worker processes. */
  processEnv: Record<string, string>;
}

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

async function locateRedis(): Promise<string> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    if ((await redis.ping()) === 'PONG') return url;
  } catch {
    // fall through
  } finally {
    redis.disconnect();
  }
  throw new Error(
    `The benchmark needs Redis at ${url}: set REDIS_URL or start one ` +
      '(redis-server --daemonize yes --port 6379 --save "" --appendonly no).',
  );
}

/** Creates `sieve_bench_<ts>_<run>`, migrates it, and picks a Redis prefix of its own. */
export async function createEnvironment(): Promise<BenchEnvironment> {
  const adminUrl =
    process.env.TEST_DATABASE_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/postgres`;
  if (!(await reachable(adminUrl))) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} (set TEST_DATABASE_URL)`);
  }
  const redisUrl = await locateRedis();
  const run = randomBytes(4).toString('hex');
  const database = `sieve_bench_${Date.now()}_${run}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const owner = new URL(adminUrl);
  owner.pathname = `/${database}`;
  const ownerUrl = owner.toString();
  const appPassword = `bench-${run}`;
  const redisPrefix = `sieve-bench-${run}`;
  const env: BenchEnvironment = {
    adminUrl,
    ownerUrl,
    database,
    redisUrl,
    redisPrefix,
    processEnv: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: ownerUrl,
      DATABASE_APP_PASSWORD: appPassword,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
    },
  };
  await runMigrations(ownerUrl, { appPassword });
  return env;
}

/** Drops the database and deletes the prefix's Redis keys (as test/harness/global-teardown.ts does). */
export async function destroyEnvironment(env: BenchEnvironment): Promise<void> {
  if (process.env.BENCH_KEEP_DATABASE === '1') {
    // For looking at what a run wrote (plans, row sizes); dropped by hand afterwards.
    console.log(`BENCH_KEEP_DATABASE=1: database ${env.database} kept`);
  } else {
    const admin = new pg.Client({ connectionString: env.adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${env.database} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  const redis = new Redis(env.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
