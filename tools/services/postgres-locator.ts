import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { messageOf } from './error-message.js';
import { redactPassword, withDatabase } from './url-with-database.js';

export interface TestPostgres {
  /** A URL whose user can CREATE DATABASE and CREATE ROLE. */
  adminUrl: string;
  source: 'TEST_DATABASE_URL' | 'DATABASE_URL' | 'local' | 'embedded';
  /** Stops the embedded cluster this call started (and deletes it); a no-op otherwise. */
  stop(): Promise<void>;
}

export interface LocateTestPostgresOptions {
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
  /** The conventional local server probed third; tests point it elsewhere. */
  localUrl?: string;
}

const LOCAL_CONNECT_TIMEOUT_MS = 1_000;
const ENV_CONNECT_TIMEOUT_MS = 5_000;

/**
 * The PostgreSQL server the test harness creates its databases and roles on:
 * 1. `TEST_DATABASE_URL`, as is;
 * 2. `DATABASE_URL`'s server, database `postgres`;
 * 3. `postgres://<PGUSER or OS user>@127.0.0.1:5432/postgres`, the way psql would connect, if it answers
 *    within ~1 s and that user may create databases and roles;
 * 4. an embedded cluster in a fresh temporary directory, deleted by `stop()`.
 * An explicitly configured URL that does not work is an error, never silently replaced.
 */
export async function locateTestPostgres(opts: LocateTestPostgresOptions = {}): Promise<TestPostgres> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const noop = async (): Promise<void> => undefined;

  const explicit: Array<[TestPostgres['source'], string | undefined]> = [
    ['TEST_DATABASE_URL', env.TEST_DATABASE_URL],
    ['DATABASE_URL', env.DATABASE_URL ? withDatabase(env.DATABASE_URL, 'postgres') : undefined],
  ];
  for (const [source, url] of explicit) {
    if (!url) continue;
    try {
      await assertCanAdminister(url, ENV_CONNECT_TIMEOUT_MS);
    } catch (err) {
      throw new Error(`${source} (${redactPassword(url)}) cannot be used by the tests: ${messageOf(err)}`, {
        cause: err,
      });
    }
    log(`PostgreSQL for tests: ${source} ${redactPassword(url)}`);
    return { adminUrl: url, source, stop: noop };
  }

  const localUrl = opts.localUrl ?? localPostgresUrl(env);
  try {
    await assertCanAdminister(localUrl, LOCAL_CONNECT_TIMEOUT_MS);
    log(`PostgreSQL for tests: the local server ${redactPassword(localUrl)}`);
    return { adminUrl: localUrl, source: 'local', stop: noop };
  } catch (err) {
    log(`PostgreSQL for tests: local server not usable (${messageOf(err)}); starting an embedded one`);
  }

  const tempRoot = await mkdtemp(join(tmpdir(), 'sieve-test-pg-'));
  try {
    const cluster = await startEmbeddedPostgres({ dataDir: join(tempRoot, 'data'), persistent: false, log });
    return {
      adminUrl: cluster.url,
      source: 'embedded',
      stop: async () => {
        await cluster.stop();
        await rm(tempRoot, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(tempRoot, { recursive: true, force: true });
    throw err;
  }
}

/** libpq's defaults for a TCP connection: user from PGUSER, else the OS user; database `postgres`. */
export function localPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  const user = env.PGUSER || userInfo().username;
  return `postgres://${encodeURIComponent(user)}@127.0.0.1:5432/postgres`;
}

/** Connects and checks that the user may CREATE DATABASE and CREATE ROLE (superuser, or both privileges). */
async function assertCanAdminister(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean }>(
      'select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = current_user',
    );
    const role = rows[0];
    if (!role || !(role.rolsuper || (role.rolcreatedb && role.rolcreaterole))) {
      throw new Error('its user may not CREATE DATABASE and CREATE ROLE');
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
