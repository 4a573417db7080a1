import cluster, { type Worker } from 'node:cluster';
import { ClusterMetrics } from './cluster-metrics.js';

/**
 * The primary of several API processes sharing one port (node:cluster): it serves no request itself. A
 * process that dies after it was serving is replaced; one that dies before it ever listened (bad config,
 * database unreachable) stops them all with its exit code, as a single process would. SIGTERM/SIGINT are
 * passed on, and each process drains and closes as it does alone.
 */
export function runApiCluster(processes: number): void {
  let stopping = false;
  const live = new Set<Worker>();
  const listening = new WeakSet<Worker>();

  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    ClusterMetrics.serve(worker);
    worker.once('listening', () => listening.add(worker));
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) process.exit(process.exitCode ?? 0);
        return;
      }
      if (!listening.has(worker)) {
        stopping = true;
        process.exitCode = code || 1;
        if (live.size === 0) process.exit(process.exitCode);
        for (const other of live) other.process.kill('SIGTERM');
        return;
      }
      console.error(`API process ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of live) worker.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < processes; i++) fork();
}
