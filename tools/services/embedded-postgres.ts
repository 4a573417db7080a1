import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { loadEmbeddedPostgres } from './embedded-postgres-module.js';
import { messageOf } from './error-message.js';
import { findFreePort } from './free-port.js';
import { LogTail } from './log-tail.js';

export interface StartEmbeddedPostgresOptions {
  /** The cluster directory (PGDATA). Initialised when it holds no `PG_VERSION` yet. */
  dataDir: string;
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** false: `stop()` deletes `dataDir` (throw-away test clusters). */
  persistent: boolean;
  log?: (msg: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Superuser URL to the database `postgres` over 127.0.0.1. */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the cluster (fast shutdown); deletes it when not persistent. Idempotent. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const STOP_TIMEOUT_MS = 15_000;
/** FATAL lines every shutdown produces (clients being disconnected); not worth showing. */
const EXPECTED_ON_SHUTDOWN =
  /terminating connection due to administrator command|the database system is shutting down/;
/** Crash recovery after an unclean stop can take a while on a big dev database; a hang should not. */
const START_TIMEOUT_MS = 60_000;
/** How long the check that the superuser can log in may take once the server is up. */
const LOGIN_CHECK_TIMEOUT_MS = 5_000;

/**
 * Starts a private PostgreSQL 18 cluster from the `embedded-postgres` package.
 *
 * Authentication: embedded-postgres runs `initdb --auth=<authMethod>` and its default is `password`, i.e.
 * pg_hba.conf gets `password` (cleartext on the wire) for `local` and for `host` 127.0.0.1/32 and ::1/128.
 * That already lets any LOGIN role with a password (our `sieve_app`) in over 127.0.0.1 — role passwords
 * are stored as SCRAM (`password_encryption` defaults to scram-sha-256) and the `password` method checks a
 * cleartext password against a SCRAM verifier. We still initialise with `scram-sha-256` so that no password
 * ever crosses the socket in clear; node-postgres speaks SCRAM. No pg_hba.conf edit is needed either way
 * (no `trust`, `peer` or `ident` lines to replace); the integration spec proves a second role can log in.
 *
 * Root: PostgreSQL refuses to run as root. embedded-postgres (`createPostgresUser: true`) then runs initdb
 * and the server as the `postgres` OS user (creating it if missing) and chowns the data dir to it; we make
 * the data dir's parent searchable by that user.
 *
 * The superuser password is generated once and kept next to the cluster (`<dataDir>.superuser-password`,
 * mode 0600, outside PGDATA so it is never part of a base backup), so a second run reuses it.
 */
export async function startEmbeddedPostgres(
  opts: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? (() => undefined);
  const dataDir = resolve(opts.dataDir);
  const parent = dirname(dataDir);
  await mkdir(parent, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) await ensureSearchableByOthers(parent);

  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  const passwordFile = join(parent, `${basename(dataDir)}.superuser-password`);
  const password = await superuserPassword(passwordFile, dataDir, initialised);
  const port = opts.port ?? (await findFreePort());

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const tail = new LogTail(60);
  let started = false;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    // Only as root: otherwise embedded-postgres would try (and fail) to `groupadd`/`useradd` a postgres user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      // Only the address we hand out (and probed for freeness); `localhost` would also claim ::1.
      '-c',
      'listen_addresses=127.0.0.1',
      // A throw-away cluster needs no crash safety, and tests get noticeably faster without fsync.
      ...(opts.persistent
        ? []
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message) => {
      tail.push(message);
      // After start-up only the serious lines are worth the user's attention (e.g. a failed login).
      if (!started) return;
      for (const line of message.split(/\r?\n/)) {
        if (/\b(FATAL|PANIC)\b/.test(line) && !EXPECTED_ON_SHUTDOWN.test(line)) log(`postgres: ${line}`);
      }
    },
    onError: (err) => tail.push(messageOf(err)),
  });

  const discardIfThrowaway = async (): Promise<void> => {
    if (opts.persistent) return;
    await rm(dataDir, { recursive: true, force: true });
    await rm(passwordFile, { force: true });
  };

  if (!initialised) {
    log(`PostgreSQL: initialising a new cluster in ${dataDir}`);
    try {
      await cluster.initialise();
    } catch (err) {
      await discardIfThrowaway();
      const hint = isRoot ? await unreachableAncestorHint(parent) : '';
      throw new Error(`initdb failed for ${dataDir}: ${messageOf(err)}${hint}\n${tail}`, { cause: err });
    }
  }

  try {
    await withTimeout(
      cluster.start(),
      START_TIMEOUT_MS,
      `no "ready to accept connections" within ${START_TIMEOUT_MS} ms`,
    );
  } catch (err) {
    await stopCluster(cluster); // in case it is up but silent
    const hint = (await staleLockHint(dataDir)) + (isRoot ? await unreachableAncestorHint(parent) : '');
    await discardIfThrowaway();
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${port} (data ${dataDir})${err ? `: ${messageOf(err)}` : ''}.` +
        `${hint} Its output:\n${tail}`,
      { cause: err },
    );
  }
  started = true;

  // Last resort if the process exits without stop() (an uncaught error, process.exit()): ask the server for
  // a fast shutdown rather than leave it running. Only synchronous work is possible in an 'exit' hook.
  const server = serverProcess(cluster);
  const stopOnExit = (): void => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
  };
  process.once('exit', stopOnExit);

  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', stopOnExit);
      await stopCluster(cluster);
      await discardIfThrowaway();
    })();
    return stopping;
  };

  // Prove the handed-out URL works before anyone else finds out it does not (e.g. a password file that no
  // longer matches the cluster).
  try {
    await assertCanConnect(url, LOGIN_CHECK_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw new Error(
      `PostgreSQL started in ${dataDir} but the superuser cannot log in with the password from ${passwordFile}: ` +
        `${messageOf(err)}. If that file was replaced, restore it or delete ${dataDir} to start afresh.`,
      { cause: err },
    );
  }

  log(
    `PostgreSQL: running on 127.0.0.1:${port} (data ${dataDir}${opts.persistent ? '' : ', deleted on stop'})`,
  );
  return { url, port, dataDir, stop };
}

/**
 * Fast shutdown (embedded-postgres sends SIGINT). A non-persistent cluster's files are removed by the
 * caller, not here, so a failed start can still read postmaster.pid for its error message.
 */
async function stopCluster(
  cluster: InstanceType<Awaited<ReturnType<typeof loadEmbeddedPostgres>>>,
): Promise<void> {
  // embedded-postgres waits for an 'exit' event that never comes if the server already exited (e.g. a
  // terminal Ctrl-C reached it first, as it shares our process group): check before asking it to stop.
  const server = serverProcess(cluster);
  const alreadyExited = server !== undefined && (server.exitCode !== null || server.signalCode !== null);
  if (!alreadyExited) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      cluster.stop(),
      new Promise<void>((resolveTimeout) => {
        timer = setTimeout(() => {
          server?.kill('SIGQUIT'); // immediate shutdown; the next start recovers from WAL
          resolveTimeout();
        }, STOP_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}

/** The server's ChildProcess, which embedded-postgres keeps in a private field (undefined if it changes). */
function serverProcess(cluster: object): ChildProcess | undefined {
  const candidate = (cluster as { process?: unknown }).process;
  return candidate && typeof (candidate as ChildProcess).kill === 'function'
    ? (candidate as ChildProcess)
    : undefined;
}

async function superuserPassword(file: string, dataDir: string, initialised: boolean): Promise<string> {
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored !== '') return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (initialised) {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster but its superuser password file ${file} is missing. ` +
        `Restore the file, or delete ${dataDir} to start with an empty cluster.`,
    );
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** When a running (or crashed) server still holds the data dir, say which process and how to stop it. */
async function staleLockHint(dataDir: string): Promise<string> {
  try {
    const pid = Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0], 10);
    if (!Number.isInteger(pid) || pid <= 0) return '';
    process.kill(pid, 0);
    return ` Another PostgreSQL (pid ${pid}) is running on this data directory; stop it (\`kill ${pid}\`) and retry.`;
  } catch {
    return '';
  }
}

/**
 * As root, the server runs as the `postgres` user, which needs search (x) permission on every folder above
 * the data dir. A private temp or home folder (mode 0700) is the usual culprit; name it instead of leaving
 * the user with initdb's "Permission denied".
 */
async function unreachableAncestorHint(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    try {
      if (((await stat(current)).mode & 0o001) === 0) {
        return ` As root, PostgreSQL runs as the OS user "postgres", which cannot enter ${current} (no search permission for others): \`chmod o+x ${current}\` or choose a data directory elsewhere.`;
      }
    } catch {
      return '';
    }
    if (dirname(current) === current) return '';
  }
}

async function ensureSearchableByOthers(dir: string): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function assertCanConnect(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
