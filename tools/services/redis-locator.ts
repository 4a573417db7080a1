import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { findExecutable } from './find-executable.js';
import { findFreePort } from './free-port.js';
import { LogTail } from './log-tail.js';
import { redactPassword } from './url-with-database.js';

export type RedisSource = 'env' | 'local' | 'spawned';

export interface LocatedRedis {
  url: string;
  source: RedisSource;
  /** Stops the Redis this call started; a no-op for one that was already running. Idempotent. */
  stop(): Promise<void>;
}

export interface LocateRedisOptions {
  /**
   * Where a Redis we start ourselves keeps its append-only file. Without it, that Redis keeps nothing on
   * disk (like the shared one on the development machines).
   */
  dataDir?: string;
  log?: (msg: string) => void;
  /** Environment to read `REDIS_URL` and `PATH` from; defaults to `process.env` (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** The conventional local Redis probed second; tests point it at a dead port. */
  localUrl?: string;
}

export const DEFAULT_LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
const LOCAL_PING_TIMEOUT_MS = 500;
const ENV_PING_TIMEOUT_MS = 3_000;
const SPAWN_READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export const REDIS_INSTALL_HINT =
  'No Redis found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and there is no redis-server on PATH. ' +
  'Set REDIS_URL=redis://host:port to use an existing Redis, or install one ' +
  '(Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) and run this again.';

/**
 * Finds the Redis the processes should use, in this order:
 * 1. `REDIS_URL` — explicit configuration wins, and a wrong one is an error (never silently replaced);
 * 2. the conventional local Redis on 127.0.0.1:6379 (present on every development and CI machine here);
 * 3. a private `redis-server` from PATH on a free loopback port, stopped again by `stop()`;
 * 4. otherwise an error that says how to get one.
 */
export async function locateRedis(opts: LocateRedisOptions = {}): Promise<LocatedRedis> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const noop = async (): Promise<void> => undefined;

  const fromEnv = env.REDIS_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    try {
      await pingRedis(fromEnv, ENV_PING_TIMEOUT_MS);
    } catch (err) {
      throw new Error(`REDIS_URL (${redactPassword(fromEnv)}) does not answer PING: ${errorText(err)}`, {
        cause: err,
      });
    }
    log(`Redis: using REDIS_URL ${redactPassword(fromEnv)}`);
    return { url: fromEnv, source: 'env', stop: noop };
  }

  const localUrl = opts.localUrl ?? DEFAULT_LOCAL_REDIS_URL;
  try {
    await pingRedis(localUrl, LOCAL_PING_TIMEOUT_MS);
    log(`Redis: using the local one at ${redactPassword(localUrl)}`);
    return { url: localUrl, source: 'local', stop: noop };
  } catch {
    // Nothing (usable) there: fall through to starting our own.
  }

  const binary = await findExecutable('redis-server', env.PATH);
  if (!binary) throw new Error(REDIS_INSTALL_HINT);
  return spawnPrivateRedis(binary, opts.dataDir, log);
}

/**
 * Resolves when `url` answers PING with PONG within `timeoutMs`; rejects with the reason otherwise
 * (connection refused, timeout, NOAUTH, …). Never retries: the caller decides what a failure means.
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    // ioredis arms this timer on disconnect() even when the socket is already closed (refused), which
    // would keep the process (or a test run) alive for the default 2 s after a failed probe.
    disconnectTimeout: 100,
  });
  // ioredis reports the real cause (ECONNREFUSED, ENOTFOUND, …) as an 'error' event and then rejects
  // connect() with a bland "Connection is closed."; keep the former for the message. (The listener also
  // stops ioredis from printing it as an unhandled error.)
  let cause: unknown;
  client.on('error', (err: unknown) => (cause ??= err));
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (reply !== 'PONG') throw new Error(`unexpected PING reply ${JSON.stringify(reply)}`);
  } catch (err) {
    throw cause ?? err;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * Starts `redis-server` privately on a free loopback port.
 *
 * Persistence: with a `dataDir` (the dev runtime passes `.data/redis`) it writes an append-only file there
 * (`appendfsync everysec`), because the dev runtime keeps PostgreSQL across restarts and queued BullMQ jobs
 * refer to rows in it — dropping the queue on every restart would silently lose pending work. RDB snapshots
 * stay off (`--save ""`): the AOF alone is enough and avoids fork-and-dump pauses. Without a `dataDir`
 * (tests, throw-away use) nothing is written to disk, like the machine-wide Redis here.
 *
 * The process gets its own process group (`detached`), so a Ctrl-C in the terminal does not stop it
 * before the processes that use it have shut down; `stop()` (or, as a last resort, our own exit) does.
 */
async function spawnPrivateRedis(
  binary: string,
  dataDir: string | undefined,
  log: (msg: string) => void,
): Promise<LocatedRedis> {
  const persistence: string[] = ['--save', ''];
  if (dataDir) {
    const dir = resolve(dataDir);
    await mkdir(dir, { recursive: true });
    persistence.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec');
  } else {
    persistence.push('--appendonly', 'no');
  }

  // The free port may be taken between probing and binding; try a few fresh ones before giving up.
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await findFreePort();
    const args = ['--bind', '127.0.0.1', '--port', String(port), ...persistence];
    try {
      const started = await startAndWait(binary, args, port);
      log(
        `Redis: started ${binary} on 127.0.0.1:${port} (${dataDir ? `append-only file in ${resolve(dataDir)}` : 'nothing kept on disk'})`,
      );
      return started;
    } catch (err) {
      lastError = err;
      if (!/address already in use/i.test(errorText(err))) break;
    }
  }
  throw lastError;
}

async function startAndWait(binary: string, args: string[], port: number): Promise<LocatedRedis> {
  const tail = new LogTail();
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
  const exited = new Promise<string>((resolveExit) => {
    child.once('error', (err) => resolveExit(`could not be started: ${err.message}`));
    child.once('exit', (code, signal) =>
      resolveExit(`exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`),
    );
  });

  // Last resort if our process exits without calling stop(): do not leave an orphaned Redis behind.
  const killOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + SPAWN_READY_TIMEOUT_MS;
  let early: string | undefined;
  void exited.then((why) => (early = why));
  for (;;) {
    if (early !== undefined) {
      process.removeListener('exit', killOnExit);
      throw new Error(`redis-server ${early} before answering PING. Its output:\n${tail}`);
    }
    try {
      await pingRedis(url, 500);
      break;
    } catch {
      if (Date.now() > deadline) {
        process.removeListener('exit', killOnExit);
        await terminate(child, exited);
        throw new Error(
          `redis-server did not answer PING within ${SPAWN_READY_TIMEOUT_MS} ms. Its output:\n${tail}`,
        );
      }
      await sleep(50);
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    source: 'spawned',
    stop: () => {
      stopping ??= (async () => {
        process.removeListener('exit', killOnExit);
        await terminate(child, exited);
      })();
      return stopping;
    },
  };
}

/** SIGTERM (Redis flushes its append-only file and exits), then SIGKILL if it takes too long. */
async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function errorText(err: unknown): string {
  // Duck-typed: under Jest's VM, errors from Node's own modules are not `instanceof` the test's Error.
  const e = err as { message?: string; code?: string; name?: string } | null | undefined;
  if (typeof e === 'object' && e !== null) return e.message || e.code || e.name || String(err);
  return String(err);
}
