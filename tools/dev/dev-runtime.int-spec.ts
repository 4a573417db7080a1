import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort, isPortFree } from '../services/free-port.js';
import { findRepoRoot } from './repo-root.js';
import { DevRuntime } from './dev-runtime.js';

/**
 * The dev runtime end to end, against a fake repository whose dist/ holds tiny stand-ins for the CLI and
 * the apps. The stand-ins check what matters to the runtime: the migrate step gets a working owner URL,
 * the API can log in as sieve_app with DATABASE_APP_PASSWORD over 127.0.0.1, the env carries the ports
 * and URLs, and SIGTERM reaches every child. PostgreSQL is the real embedded one; Redis the local one.
 */

const SLOW = 30_000;

const CLI = `
const pg = require('pg');
const [cmd] = process.argv.slice(2);
(async () => {
  if (cmd === 'migrate') {
    if (process.env.FAKE_MIGRATE_FAIL) { console.error('relation "nope" does not exist'); process.exit(1); }
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    const db = (await c.query('select current_database() as d')).rows[0].d;
    await c.query("do $$ begin if not exists (select from pg_roles where rolname = 'sieve_app') then create role sieve_app login; end if; end $$");
    await c.query("alter role sieve_app password '" + process.env.DATABASE_APP_PASSWORD.replace(/'/g, "''") + "'");
    await c.end();
    console.log(JSON.stringify({ level: 30, msg: 'migrated ' + db }));
  } else if (cmd === 'seed-demo' && process.argv.includes('--json')) {
    console.log(JSON.stringify({ level: 30, msg: 'seeding' }));
    console.error('seed says hi on stderr');
    console.log(JSON.stringify({
      tenant: { id: 't-1', slug: 'demo', name: 'Demo' },
      users: { admin: { email: 'admin@demo.test', role: 'TENANT_ADMIN', token: 'tok-' + process.env.JWT_SECRET.length } },
      apiKey: { id: 'k-1', prefix: 'sv_demo', secret: 'sv_demo.secret', scopes: ['findings:read'] },
    }));
  } else {
    process.exit(64);
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

const API = `
const http = require('http');
const pg = require('pg');
const url = new URL(process.env.DATABASE_URL);
url.username = 'sieve_app';
url.password = process.env.DATABASE_APP_PASSWORD;
let ready = false;
const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
pool.query('select current_user as u').then((r) => { ready = r.rows[0].u === 'sieve_app'; }, (e) => console.error('db: ' + e.message));
const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') return res.writeHead(ready ? 200 : 503).end();
  if (req.url === '/env') {
    const pick = ['NODE_ENV', 'REDIS_URL', 'AWS_ENDPOINT_URL', 'API_PORT', 'AWS_EMULATOR_PORT'];
    return res.writeHead(200).end(JSON.stringify(Object.fromEntries(pick.map((k) => [k, process.env[k]]))));
  }
  res.writeHead(404).end();
}).listen(Number(process.env.API_PORT), '127.0.0.1', () => console.log(JSON.stringify({ level: 30, msg: 'listening' })));
process.on('SIGTERM', () => { console.log(JSON.stringify({ level: 30, msg: 'api got SIGTERM' })); server.close(); pool.end().then(() => process.exit(0)); });
`;

const WORKER = `
console.log(JSON.stringify({ level: 30, msg: 'worker up' }));
if (process.env.FAKE_WORKER_CRASH_MS) setTimeout(() => process.exit(7), Number(process.env.FAKE_WORKER_CRASH_MS));
setInterval(() => {}, 1000);
process.on('SIGTERM', () => { console.log('worker got SIGTERM'); process.exit(0); });
`;

const EMULATOR = `
const server = require('http').createServer((req, res) => res.writeHead(200).end('{}')).listen(Number(process.env.AWS_EMULATOR_PORT), '127.0.0.1');
process.on('SIGTERM', () => { console.log('aws got SIGTERM'); server.close(() => process.exit(0)); });
`;

class Sink {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
}

async function waitFor(sink: Sink, fragment: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!sink.text.includes(fragment)) {
    if (Date.now() > deadline) throw new Error(`"${fragment}" never appeared in:\n${sink.text}`);
    await sleep(25);
  }
}

describe('DevRuntime', () => {
  let repo: string;
  let ports: { api: number; aws: number; pg: number };

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'sieve-dev-runtime-'));
    // As root, PostgreSQL runs as "postgres" and must be able to enter the repository (mkdtemp makes 0700).
    await chmod(repo, 0o755);
    await writeFile(join(repo, 'package.json'), '{ "name": "fake-sieve", "type": "commonjs" }\n');
    await symlink(join(findRepoRoot(import.meta.url), 'node_modules'), join(repo, 'node_modules'));
    const files: Record<string, string> = {
      'dist/tools/cli/main.js': CLI,
      'dist/apps/api/src/main.js': API,
      'dist/apps/worker/src/main.js': WORKER,
      'dist/apps/aws-emulator/main.js': EMULATOR, // the flat layout is accepted too
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(repo, path, '..'), { recursive: true });
      await writeFile(join(repo, path), text);
    }
    ports = { api: await findFreePort(), aws: await findFreePort(), pg: await findFreePort() };
  });

  afterAll(() => rm(repo, { recursive: true, force: true }));

  /** Every runtime a test starts, so that a failed assertion cannot leave one running. */
  const started: Array<{ rt: DevRuntime; running: Promise<number> }> = [];

  afterEach(async () => {
    for (const { rt, running } of started.splice(0)) {
      rt.stop();
      await running;
    }
  });

  function start(extraEnv: NodeJS.ProcessEnv = {}): {
    running: Promise<number>;
    rt: DevRuntime;
    out: Sink;
    err: Sink;
  } {
    const made = runtime(extraEnv);
    const running = made.rt.run();
    started.push({ rt: made.rt, running });
    return { ...made, running };
  }

  function runtime(extraEnv: NodeJS.ProcessEnv = {}): { rt: DevRuntime; out: Sink; err: Sink } {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET',
      'DATABASE_APP_PASSWORD',
      'NODE_OPTIONS',
      'NODE_ENV',
    ]) {
      delete env[name];
    }
    Object.assign(env, {
      API_PORT: String(ports.api),
      AWS_EMULATOR_PORT: String(ports.aws),
      DEV_POSTGRES_PORT: String(ports.pg),
      ...extraEnv,
    });
    const out = new Sink();
    const err = new Sink();
    const rt = new DevRuntime({
      repoRoot: repo,
      env,
      colour: false,
      stdout: out,
      stderr: err,
      handleSignals: false,
    });
    return { rt, out, err };
  }

  async function pgIsDown(): Promise<boolean> {
    return isPortFree(ports.pg);
  }

  it(
    'starts everything, prints the banner with the demo credentials, and stops it all in order',
    async () => {
      const { rt, out, err, running } = start();
      await waitFor(out, 'Sieve is running');

      expect(out.text).toContain('PostgreSQL: initialising a new cluster');
      expect(out.text).toContain('created database sieve');
      expect(out.text).toMatch(/migrate \| \{"level":30,"msg":"migrated sieve"\}/);
      expect(out.text).toMatch(/seed {4}\| \{"level":30,"msg":"seeding"\}/);
      expect(err.text).toContain('seed    | seed says hi on stderr');
      expect(out.text).toMatch(/api {5}\| \{"level":30,"msg":"listening"\}/);
      expect(out.text).toContain(`GraphQL      http://127.0.0.1:${ports.api}/graphql`);
      expect(out.text).toContain(`AWS emulator http://127.0.0.1:${ports.aws}`);
      expect(out.text).toContain(`files in ${join(repo, '.data', 'postgres')}`);
      expect(out.text).toContain('admin@demo.test  role TENANT_ADMIN');
      // JWT_SECRET: 48 random bytes, base64url → 64 characters.
      expect(out.text).toContain(`-H "authorization: Bearer tok-64"`);
      expect(out.text).toContain('secret sv_demo.secret');
      // Secrets are not printed (only their file).
      const secrets = JSON.parse(await readFile(join(repo, '.data', 'dev-secrets.json'), 'utf8'));
      expect(out.text + err.text).not.toContain(secrets.JWT_SECRET);
      expect(out.text + err.text).not.toContain(secrets.DATABASE_APP_PASSWORD);
      expect((await stat(join(repo, '.data', 'dev-secrets.json'))).mode & 0o777).toBe(0o600);

      const childEnv = (await (await fetch(`http://127.0.0.1:${ports.api}/env`)).json()) as Record<
        string,
        string
      >;
      expect(childEnv).toEqual({
        NODE_ENV: 'development',
        REDIS_URL: 'redis://127.0.0.1:6379',
        AWS_ENDPOINT_URL: `http://127.0.0.1:${ports.aws}`,
        API_PORT: String(ports.api),
        AWS_EMULATOR_PORT: String(ports.aws),
      });

      rt.stop();
      expect(await running).toBe(0);
      expect(out.text).toContain('api     | {"level":30,"msg":"api got SIGTERM"}');
      expect(out.text).toContain('worker  | worker got SIGTERM');
      expect(out.text).toContain('aws     | aws got SIGTERM');
      // Children stopped before PostgreSQL.
      expect(out.text.indexOf('api got SIGTERM')).toBeLessThan(out.text.indexOf('PostgreSQL stopped.'));
      expect(await isPortFree(ports.api)).toBe(true);
      expect(await pgIsDown()).toBe(true);
    },
    SLOW,
  );

  it(
    'reuses the data on the next start, and goes down with exit 1 when a child dies',
    async () => {
      const secretsBefore = await readFile(join(repo, '.data', 'dev-secrets.json'), 'utf8');
      const { out, err, running } = start({ FAKE_WORKER_CRASH_MS: '1500' });
      const code = await running;
      expect(code).toBe(1);
      expect(out.text).not.toContain('initialising a new cluster');
      expect(out.text).not.toContain('created database');
      expect(out.text).toContain('Sieve is running');
      expect(err.text).toContain('worker exited with code 7 unexpectedly; stopping everything.');
      expect(out.text).toContain('api     | {"level":30,"msg":"api got SIGTERM"}');
      expect(await readFile(join(repo, '.data', 'dev-secrets.json'), 'utf8')).toBe(secretsBefore);
      expect(await pgIsDown()).toBe(true);
    },
    SLOW,
  );

  it(
    'stops with exit 1 and the output when migrate fails, without starting the apps',
    async () => {
      const { out, err, running } = start({ FAKE_MIGRATE_FAIL: '1' });
      expect(await running).toBe(1);
      expect(err.text).toContain('migrate | relation "nope" does not exist');
      expect(err.text).toContain('migrate exited with code 1 (its output is above).');
      expect(out.text).not.toContain('api     |');
      expect(await pgIsDown()).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses to start when the API port is taken, naming the variable',
    async () => {
      const { createServer } = await import('node:net');
      const blocker = createServer().listen(ports.api, '127.0.0.1');
      await new Promise((resolve) => blocker.once('listening', resolve));
      try {
        const { err, running } = start();
        expect(await running).toBe(1);
        expect(err.text).toContain(`port ${ports.api} for the API is in use`);
        expect(err.text).toContain('API_PORT');
        expect(await pgIsDown()).toBe(true);
      } finally {
        blocker.close();
      }
    },
    SLOW,
  );

  it(
    'stops cleanly when asked to while still starting',
    async () => {
      const { rt, out, running } = start();
      await waitFor(out, 'applying migrations');
      rt.stop();
      expect(await running).toBe(0);
      expect(out.text).not.toContain('Sieve is running');
      expect(await pgIsDown()).toBe(true);
    },
    SLOW,
  );
});
