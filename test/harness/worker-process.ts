import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WORKER_MAIN = fileURLToPath(new URL('../../dist/apps/worker/src/main.js', import.meta.url));
const READY_LINE = 'Sieve worker ready';

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGKILL: no shutdown hook, no drain, no flush; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * The built worker (`npm run build`) as a separate process on the test run's database and Redis, for
 * tests that must kill it. `env` is laid over the test run's environment (e.g. a private REDIS_PREFIX
 * shared with the API under test). Ready when the worker logs "Sieve worker ready" (logged once every
 * module is up and the BullMQ workers are started): the child runs with LOG_LEVEL=info for that line,
 * and its output is read and dropped (only a short tail is kept for error messages).
 */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_000));
  child.stderr?.on('data', keep);

  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  try {
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`worker not ready after 30 s: ${tail}`)), 30_000);
      const onData = (chunk: Buffer) => {
        keep(chunk);
        // The ready line may be split across chunks: look at what has been read until it is seen.
        seen = (seen + chunk.toString()).slice(-8_000);
        if (seen.includes(READY_LINE)) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${code ?? signal}) before it was ready: ${tail}`));
      };
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await kill();
    throw error;
  }
  // Keep draining stdout (a full pipe would block the worker), after readiness only into the tail.
  child.stdout?.removeAllListeners('data');
  child.stdout?.on('data', keep);
  return { child, kill };
}
