import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { locateTestPostgres } from './postgres-locator.js';
import { locateRedis, pingRedis, REDIS_INSTALL_HINT } from './redis-locator.js';
import { withCredentials } from './url-with-database.js';

/** Starting embedded clusters takes a second or two each; Jest's default 5 s is tight for two of them. */
const SLOW = 30_000;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sieve-embedded-pg-'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it(
    'lets a second LOGIN role in over 127.0.0.1 with its password (SCRAM), and reuses the cluster on restart',
    async () => {
      const dataDir = join(root, 'cluster');
      const port = await findFreePort();
      const first = await startEmbeddedPostgres({ dataDir, port, persistent: true });
      const appUrl = withCredentials(first.url, 'sieve_app', 'app-pass-1');
      try {
        expect(first.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/postgres$`));
        await query(first.url, `create role sieve_app login password 'app-pass-1'`);
        expect(await query(appUrl, 'select current_user as who')).toEqual([{ who: 'sieve_app' }]);
        // The password matters (no trust rule lets anyone in) …
        await expect(query(withCredentials(first.url, 'sieve_app', 'wrong'), 'select 1')).rejects.toThrow(
          /password authentication failed/,
        );
        // … and it is checked with SCRAM, not sent in clear.
        const rules = await query<{ auth_method: string }>(
          first.url,
          `select auth_method from pg_hba_file_rules where type = 'host' and address = '127.0.0.1'`,
        );
        expect(rules.map((r) => r.auth_method)).toContain('scram-sha-256');
        expect(rules.map((r) => r.auth_method)).not.toContain('trust');
      } finally {
        await first.stop();
      }
      await expect(query(appUrl, 'select 1')).rejects.toThrow(); // really stopped

      // The password file sits next to the cluster, owner-only, and a second start reuses both.
      const passwordFile = join(root, 'cluster.superuser-password');
      expect((await readFile(passwordFile, 'utf8')).trim()).not.toBe('');
      const second = await startEmbeddedPostgres({ dataDir, port, persistent: true });
      try {
        expect(second.url).toBe(first.url);
        expect(await query(appUrl, 'select current_user as who')).toEqual([{ who: 'sieve_app' }]);
      } finally {
        await second.stop();
        await second.stop(); // idempotent
      }
      await access(join(dataDir, 'PG_VERSION')); // persistent: kept
    },
    SLOW,
  );

  it(
    'deletes a non-persistent cluster on stop, and explains a missing password file',
    async () => {
      const dataDir = join(root, 'throwaway');
      const cluster = await startEmbeddedPostgres({ dataDir, persistent: false });
      expect(cluster.port).toBeGreaterThan(0);
      await cluster.stop();
      await expect(access(dataDir)).rejects.toThrow();

      // A cluster whose password file went missing is reported, not re-initialised over.
      const kept = join(root, 'kept');
      const keptCluster = await startEmbeddedPostgres({ dataDir: kept, persistent: true });
      await keptCluster.stop();
      await rm(join(root, 'kept.superuser-password'));
      await expect(startEmbeddedPostgres({ dataDir: kept, persistent: true })).rejects.toThrow(
        /holds a PostgreSQL cluster but its superuser password file .* is missing/,
      );
    },
    SLOW,
  );
});

describe('locateTestPostgres', () => {
  it(
    'uses the local server when it answers (trust auth for the OS user here)',
    async () => {
      const located = await locateTestPostgres({ env: {} });
      expect(located.source).toBe('local');
      expect(located.adminUrl).toMatch(/^postgres:\/\/[^:@]+@127\.0\.0\.1:5432\/postgres$/);
      await located.stop();
    },
    SLOW,
  );

  it(
    'treats a configured URL that does not work as an error naming the variable',
    async () => {
      const port = await findFreePort();
      await expect(
        locateTestPostgres({ env: { TEST_DATABASE_URL: `postgres://x:secret@127.0.0.1:${port}/postgres` } }),
      ).rejects.toThrow(
        new RegExp(`TEST_DATABASE_URL \\(postgres://x:\\*\\*\\*@127.0.0.1:${port}/postgres\\).*ECONNREFUSED`),
      );
    },
    SLOW,
  );

  it(
    "uses DATABASE_URL's server with database postgres",
    async () => {
      const located = await locateTestPostgres({
        env: { DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' },
      });
      expect(located).toMatchObject({
        source: 'DATABASE_URL',
        adminUrl: 'postgres://root@127.0.0.1:5432/postgres',
      });
    },
    SLOW,
  );

  it(
    'falls back to a throw-away embedded cluster on which databases and roles can be created',
    async () => {
      const dead = `postgres://nobody@127.0.0.1:${await findFreePort()}/postgres`;
      const tempDirs = async (): Promise<string[]> =>
        (await readdir(tmpdir())).filter((d) => d.startsWith('sieve-test-pg-'));
      const before = new Set(await tempDirs());
      const located = await locateTestPostgres({ env: {}, localUrl: dead });
      expect(located.source).toBe('embedded');
      const created = (await tempDirs()).filter((d) => !before.has(d));
      expect(created).toHaveLength(1);
      try {
        await query(located.adminUrl, 'create database probe_db');
        await query(located.adminUrl, `create role probe_role login password 'x'`);
      } finally {
        await located.stop();
      }
      await expect(query(located.adminUrl, 'select 1')).rejects.toThrow();
      expect(await tempDirs()).not.toContain(created[0]);
    },
    SLOW,
  );
});

describe('locateRedis', () => {
  it(
    'returns the local Redis on 127.0.0.1:6379, and its stop() leaves it alone',
    async () => {
      const located = await locateRedis({ env: {} });
      expect(located).toMatchObject({ url: 'redis://127.0.0.1:6379', source: 'local' });
      await located.stop();
      await pingRedis(located.url, 500);
    },
    SLOW,
  );

  it(
    'names REDIS_URL and the failure when the configured Redis is dead',
    async () => {
      const port = await findFreePort();
      await expect(locateRedis({ env: { REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` } })).rejects.toThrow(
        new RegExp(
          `^REDIS_URL \\(redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}\\) does not answer PING: .*ECONNREFUSED`,
        ),
      );
    },
    SLOW,
  );

  it(
    'starts a private redis-server from PATH (persisting into dataDir) and stops it again',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'sieve-redis-'));
      const dead = `redis://127.0.0.1:${await findFreePort()}`;
      try {
        const located = await locateRedis({ env: { PATH: process.env.PATH }, localUrl: dead, dataDir });
        expect(located.source).toBe('spawned');
        expect(located.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
        expect(located.url).not.toBe(dead);
        await pingRedis(located.url, 500);
        await located.stop();
        await expect(pingRedis(located.url, 300)).rejects.toThrow();
        expect(await readdir(dataDir)).toContain('appendonlydir');
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'says how to get a Redis when there is none at all',
    async () => {
      const dead = `redis://127.0.0.1:${await findFreePort()}`;
      await expect(locateRedis({ env: { PATH: '' }, localUrl: dead })).rejects.toThrow(REDIS_INSTALL_HINT);
      expect(REDIS_INSTALL_HINT).toMatch(/REDIS_URL/);
      expect(REDIS_INSTALL_HINT).toMatch(/apt-get install redis-server/);
      expect(REDIS_INSTALL_HINT).toMatch(/brew install redis/);
    },
    SLOW,
  );
});
