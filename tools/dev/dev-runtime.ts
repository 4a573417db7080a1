import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDatabase } from '../services/ensure-database.js';
import { isPortFree } from '../services/free-port.js';
import { startEmbeddedPostgres } from '../services/embedded-postgres.js';
import { locateRedis, type LocatedRedis } from '../services/redis-locator.js';
import { redactPassword, withDatabase } from '../services/url-with-database.js';
import { painter, type Paint } from './ansi.js';
import { renderBanner } from './banner.js';
import { connectDemoAwsAccount } from './demo-aws-account.js';
import { ChildProcessGroup, describeExit, type ChildSpec } from './child-process-group.js';
import { buildChildEnv, readDevPorts, type DevPorts } from './dev-env.js';
import { loadOrCreateDevSecrets } from './dev-secrets.js';
import { API_NODE_FLAGS } from '../../apps/api/src/node-flags.js';
import { WORKER_NODE_FLAGS } from '../../apps/worker/src/node-flags.js';
import { resolveEntryPoints } from './entry-points.js';
import { linesBeforeSeedJson, parseSeedOutput } from './seed-output.js';
import { waitForHttpOk } from './wait-for-http.js';

interface TextSink {
  write(text: string): unknown;
}

export interface DevRuntimeOptions {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  colour: boolean;
  /** Where our lines and the children's go; the process's own streams by default (tests collect them). */
  stdout?: TextSink;
  stderr?: TextSink;
  /** Whether SIGINT/SIGTERM/SIGHUP stop the runtime (default true; a test stops it with `stop()`). */
  handleSignals?: boolean;
}

const DEV_DATABASE = 'sieve';
const HEALTH_PATH = '/health/ready';
const METRICS_PATH = '/metrics';
const READY_TIMEOUT_MS = 60_000;
/** How long a shutdown waits for an interrupted start-up step (e.g. initdb) before stopping anyway. */
const STARTUP_SETTLE_MS = 20_000;

/** Thrown at a start-up checkpoint once a stop was requested; not an error to report. */
class StopRequested extends Error {
  constructor() {
    super('stop requested');
  }
}

interface Infrastructure {
  name: string;
  stop: () => Promise<void>;
}

/**
 * The dev runtime: starts PostgreSQL and Redis (or uses the configured ones), migrates, seeds the demo
 * tenant, runs the AWS emulator, API and worker, and stops all of it again in order.
 *
 * Order of shutdown, whatever triggers it (Ctrl-C, SIGTERM, a crashed child, a failed step): the children
 * first (they hold connections), then Redis, then PostgreSQL — the reverse of start-up.
 */
export class DevRuntime {
  private readonly group: ChildProcessGroup;
  private readonly paint: Paint;
  private readonly infrastructure: Infrastructure[] = [];
  private readonly stopRequest = new AbortController();
  private stopSignal: NodeJS.Signals | undefined;
  private readonly dataDir: string;
  private readonly out: TextSink;
  private readonly err: TextSink;

  constructor(private readonly opts: DevRuntimeOptions) {
    this.paint = painter(opts.colour);
    this.out = opts.stdout ?? process.stdout;
    this.err = opts.stderr ?? process.stderr;
    this.group = new ChildProcessGroup({
      colour: opts.colour,
      killAfterMs: 10_000,
      stdout: this.out,
      stderr: this.err,
    });
    this.dataDir = join(opts.repoRoot, '.data');
  }

  /** Same as a first Ctrl-C: an orderly stop; `run()` then resolves with 0. */
  stop(): void {
    this.requestStop('SIGTERM');
  }

  /** Runs until stopped; resolves with the process exit code. */
  async run(): Promise<number> {
    const onSignal = (sig: NodeJS.Signals): void => this.requestStop(sig);
    const signals: NodeJS.Signals[] =
      this.opts.handleSignals === false ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const sig of signals) process.on(sig, onSignal);

    let code: number;
    const startup = this.start();
    try {
      await startup;
      const stopped = new Promise<'stop'>((resolve) =>
        this.stopRequest.signal.addEventListener('abort', () => resolve('stop'), { once: true }),
      );
      const outcome = await Promise.race([this.group.unexpectedExit, stopped]);
      if (outcome === 'stop') {
        code = 0;
      } else {
        this.fail(`${outcome.name} ${describeExit(outcome)} unexpectedly; stopping everything.`);
        code = 1;
      }
    } catch (err) {
      if (err instanceof StopRequested || this.stopRequest.signal.aborted) {
        code = 0;
      } else {
        this.fail(messageOf(err));
        code = 1;
      }
    }

    await this.shutdown(startup);
    for (const sig of signals) process.removeListener(sig, onSignal);
    return code;
  }

  /** First signal: orderly stop. Second: the user is impatient — SIGKILL the children. */
  private requestStop(sig: NodeJS.Signals): void {
    if (this.stopSignal) {
      this.say(`${sig} again: killing the children now.`);
      this.group.killAll();
      return;
    }
    this.stopSignal = sig;
    this.out.write('\n');
    this.say(`${sig} received: stopping (again to kill at once).`);
    this.stopRequest.abort();
    // Children first, right away: that also ends a migrate/seed/readiness wait the start-up is blocked in.
    void this.group.stopAll();
  }

  private async start(): Promise<void> {
    const { env, repoRoot } = this.opts;
    const ports = readDevPorts(env);
    const scripts = resolveEntryPoints(repoRoot);
    await mkdir(this.dataDir, { recursive: true });

    const secretsFile = join(this.dataDir, 'dev-secrets.json');
    const { secrets, generated, fromEnv } = await loadOrCreateDevSecrets(secretsFile, env);
    if (generated.length > 0) this.say(`generated ${generated.join(' and ')} into ${secretsFile}`);
    this.checkpoint();

    // Before starting anything: a taken port is the most likely failure and the cheapest to report.
    await this.assertPortsFree(ports);

    const database = await this.startDatabase(env, ports);
    this.checkpoint();

    const redis = await this.startRedis();
    this.checkpoint();

    const childEnv = buildChildEnv(env, {
      databaseUrl: database.url,
      databaseAppPassword: secrets.DATABASE_APP_PASSWORD,
      redisUrl: redis.url,
      jwtSecret: secrets.JWT_SECRET,
      ports,
    });
    const node = (
      name: string,
      script: string,
      args: string[] = [],
      flags: readonly string[] = [],
    ): ChildSpec => ({
      name,
      command: process.execPath,
      args: ['--enable-source-maps', ...flags, script, ...args],
      env: childEnv,
      cwd: repoRoot,
    });

    this.say('applying migrations…');
    const migrate = await this.group.run({
      ...node('migrate', scripts.cli, ['migrate']),
      colour: 'blue',
    });
    this.checkpoint();
    if (migrate.code !== 0) throw new Error(`migrate ${describeExit(migrate)} (its output is above).`);

    this.say('seeding the demo tenant…');
    const seedSpec = {
      ...node('seed', scripts.cli, ['seed-demo', '--json']),
      colour: 'blue' as const,
    };
    const seedRun = await this.group.run(seedSpec, { echoStdout: false });
    this.checkpoint();
    if (seedRun.code !== 0) {
      for (const line of seedRun.stdout.split('\n')) if (line.trim() !== '') this.echo('seed', line);
      throw new Error(`seed-demo ${describeExit(seedRun)} (its output is above).`);
    }
    for (const line of linesBeforeSeedJson(seedRun.stdout)) this.echo('seed', line);
    const seed = parseSeedOutput(seedRun.stdout);

    this.group.start({ ...node('aws', scripts.awsEmulator), colour: 'yellow' });
    this.group.start({ ...node('api', scripts.api, [], API_NODE_FLAGS), colour: 'cyan' });
    this.group.start({ ...node('worker', scripts.worker, [], WORKER_NODE_FLAGS), colour: 'magenta' });

    const apiBaseUrl = `http://127.0.0.1:${ports.api}`;
    this.say(`waiting for ${apiBaseUrl}${HEALTH_PATH}…`);
    await this.waitUntilReady(`${apiBaseUrl}${HEALTH_PATH}`);
    const adminToken = seed.users.admin?.token;
    if (!env.AWS_ENDPOINT_URL && adminToken) this.say(await connectDemoAwsAccount(apiBaseUrl, adminToken));

    this.out.write(
      renderBanner(
        {
          apiBaseUrl,
          healthPath: HEALTH_PATH,
          metricsPath: METRICS_PATH,
          emulatorUrl: `http://127.0.0.1:${ports.awsEmulator}`, // the one we started, whatever AWS_ENDPOINT_URL says
          dataLines: [
            database.description,
            this.describeRedis(redis),
            `secrets     ${fromEnv.length === 2 ? 'from the environment' : secretsFile}`,
          ],
          seed,
        },
        { colour: this.opts.colour },
      ),
    );
  }

  /** DATABASE_URL as given, or the persistent embedded cluster in .data/postgres with database `sieve`. */
  private async startDatabase(
    env: NodeJS.ProcessEnv,
    ports: DevPorts,
  ): Promise<{ url: string; description: string }> {
    if (env.DATABASE_URL) {
      this.say(`PostgreSQL: using DATABASE_URL ${redactPassword(env.DATABASE_URL)}`);
      return {
        url: env.DATABASE_URL,
        description: `postgres    DATABASE_URL ${redactPassword(env.DATABASE_URL)}`,
      };
    }
    const pgDir = join(this.dataDir, 'postgres');
    if (!(await isPortFree(ports.postgres))) {
      throw new Error(
        `port ${ports.postgres} for the embedded PostgreSQL is in use (an earlier run still going?). ` +
          'Stop that process, or set DEV_POSTGRES_PORT to another port, or DATABASE_URL to use your own server.',
      );
    }
    const cluster = await startEmbeddedPostgres({
      dataDir: pgDir,
      port: ports.postgres,
      persistent: true,
      log: (msg) => this.say(msg),
    });
    this.infrastructure.push({ name: 'PostgreSQL', stop: () => cluster.stop() });
    if (await ensureDatabase(cluster.url, DEV_DATABASE))
      this.say(`PostgreSQL: created database ${DEV_DATABASE}`);
    return {
      // The superuser owns the schema and runs the migrations; the apps connect as sieve_app.
      url: withDatabase(cluster.url, DEV_DATABASE),
      description: `postgres    embedded, 127.0.0.1:${cluster.port}, database ${DEV_DATABASE}, files in ${pgDir}`,
    };
  }

  private async startRedis(): Promise<LocatedRedis> {
    const redis = await locateRedis({ dataDir: join(this.dataDir, 'redis'), log: (msg) => this.say(msg) });
    // Only a Redis we started is ours to stop (and to mention when stopping).
    if (redis.source === 'spawned') this.infrastructure.push({ name: 'Redis', stop: () => redis.stop() });
    return redis;
  }

  private describeRedis(redis: LocatedRedis): string {
    switch (redis.source) {
      case 'env':
        return `redis       REDIS_URL ${redactPassword(redis.url)}`;
      case 'local':
        return `redis       ${redis.url} (the machine's own)`;
      case 'spawned':
        return `redis       ${redis.url} (started for this run), files in ${join(this.dataDir, 'redis')}`;
    }
  }

  /**
   * Polls the API's readiness; gives up when a child dies meanwhile (naming it) or a stop is requested.
   */
  private async waitUntilReady(url: string): Promise<void> {
    const childDied = new AbortController();
    void this.group.unexpectedExit.then((exit) =>
      childDied.abort(
        new Error(`${exit.name} ${describeExit(exit)} before the API was ready; stopping everything.`),
      ),
    );
    try {
      await waitForHttpOk(url, {
        timeoutMs: READY_TIMEOUT_MS,
        signal: AbortSignal.any([childDied.signal, this.stopRequest.signal]),
      });
    } catch (err) {
      this.checkpoint();
      if (childDied.signal.aborted) throw childDied.signal.reason;
      throw err;
    }
  }

  /** Children, then the infrastructure in reverse start order. Every step runs even if one fails. */
  private async shutdown(startup: Promise<void>): Promise<void> {
    const running = this.group.running;
    if (running.length > 0) this.say(`stopping ${running.join(', ')}…`);
    await this.group.stopAll();
    // A start-up step that cannot be interrupted (initdb, starting Redis) may still register something.
    await Promise.race([
      startup.catch(() => undefined),
      new Promise((r) => setTimeout(r, STARTUP_SETTLE_MS).unref()),
    ]);
    for (const item of this.infrastructure.reverse()) {
      try {
        await item.stop();
        this.say(`${item.name} stopped.`);
      } catch (err) {
        this.fail(`stopping ${item.name} failed: ${messageOf(err)}`);
      }
    }
    this.infrastructure.length = 0;
  }

  private checkpoint(): void {
    if (this.stopRequest.signal.aborted) throw new StopRequested();
  }

  private async assertPortsFree(ports: DevPorts): Promise<void> {
    const wanted: Array<[string, string, number]> = [
      ['API_PORT', 'the API', ports.api],
      ['AWS_EMULATOR_PORT', 'the AWS emulator', ports.awsEmulator],
    ];
    for (const [variable, what, port] of wanted) {
      if (!(await isPortFree(port))) {
        throw new Error(
          `port ${port} for ${what} is in use (an earlier run still going?). Stop that process or set ${variable}.`,
        );
      }
    }
  }

  private say(message: string): void {
    this.echo('dev', message, 'green');
  }

  /** A line in the same `name | text` layout as the children's output. */
  private echo(name: string, line: string, colour: 'green' | 'blue' = 'blue'): void {
    this.out.write(`${this.paint(colour, name.padEnd(7))} ${this.paint('dim', '|')} ${line}\n`);
  }

  private fail(message: string): void {
    this.err.write(
      `${this.paint('red', 'dev'.padEnd(7))} ${this.paint('dim', '|')} ${this.paint('red', message)}\n`,
    );
  }
}

function messageOf(err: unknown): string {
  const e = err as { message?: string } | null | undefined;
  return typeof e === 'object' && e !== null && typeof e.message === 'string' ? e.message : String(err);
}
