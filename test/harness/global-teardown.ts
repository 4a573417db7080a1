import pg from 'pg';
import { Redis } from 'ioredis';

const RUN_STATE_KEY = 'SIEVE_TEST_RUN';

/** Drops the run's database and deletes its Redis keys (see global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const raw = process.env[RUN_STATE_KEY];
  if (!raw) return;
  delete process.env[RUN_STATE_KEY];
  const state = JSON.parse(raw) as {
    adminUrl: string;
    database: string;
    redisUrl: string;
    redisPrefix: string;
  };
  const admin = new pg.Client({ connectionString: state.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${state.database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(state.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${state.redisPrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  const embedded = (globalThis as { sieveEmbeddedPostgres?: { stop(): Promise<void> } })
    .sieveEmbeddedPostgres;
  await embedded?.stop();
  (globalThis as { sieveRedisServer?: { kill(): void } }).sieveRedisServer?.kill();
}
