import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags.js';
import { WORKER_NODE_FLAGS } from '../apps/worker/src/node-flags.js';

// Compiled to dist/bench/processes.js: the apps are next to it in dist/apps.
const API_MAIN = fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url));
const WORKER_MAIN = fileURLToPath(new URL('../apps/worker/src/main.js', import.meta.url));

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
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

function start(
  name: string,
  main: string,
  env: Record<string, string>,
  flags: readonly string[] = [],
): BenchProcess {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  // BENCH_NODE_ARGS passes flags to the API and worker, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--enable-source-maps', ...flags, ...extra, main], {
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  return {
    name,
    child,
    stderr: () => stderr,
    /** SIGTERM, then SIGKILL after 5 s. */
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** One API process, ready when /health/ready answers 200 (the pattern of test/harness/api-process.ts). */
export async function startApi(env: Record<string, string>): Promise<BenchProcess & { url: string }> {
  const port = await freePort();
  const proc = start(
    'api',
    API_MAIN,
    { ...env, API_HOST: '127.0.0.1', API_PORT: String(port) },
    API_NODE_FLAGS,
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.child.exitCode !== null)
      throw new Error(`API exited with ${proc.child.exitCode}: ${proc.stderr()}`);
    try {
      if ((await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API not ready after 30 s: ${proc.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...proc, url };
}

/** One worker process; it has no HTTP port, so "up" means alive after its boot. */
export async function startWorker(env: Record<string, string>): Promise<BenchProcess> {
  const proc = start('worker', WORKER_MAIN, env, WORKER_NODE_FLAGS);
  await new Promise((r) => setTimeout(r, 1_500));
  if (proc.child.exitCode !== null)
    throw new Error(`worker exited with ${proc.child.exitCode}: ${proc.stderr()}`);
  return proc;
}
