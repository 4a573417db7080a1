import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'sieve:cluster-metrics-request';
const REPLY = 'sieve:cluster-metrics-reply';

interface MetricsMessage {
  type: typeof REQUEST | typeof REPLY;
  id: string;
  body?: string;
  error?: string;
}

const isMessage = (m: unknown): m is MetricsMessage =>
  typeof m === 'object' && m !== null && [REQUEST, REPLY].includes((m as MetricsMessage).type);

/**
 * With several API processes behind one port, a scrape lands on any one of them: it answers with the sum
 * over all of them (counters added, gauges per process), asked of the primary, which collects each
 * process's registry over IPC (prom-client's AggregatorRegistry).
 */
export const ClusterMetrics = {
  /** In the primary: answers the workers' requests. */
  serve(worker: Worker, aggregator = new AggregatorRegistry()): void {
    worker.on('message', (message: unknown) => {
      if (!isMessage(message) || message.type !== REQUEST) return;
      aggregator.clusterMetrics().then(
        (body) => worker.send({ type: REPLY, id: message.id, body }),
        (error: Error) => worker.send({ type: REPLY, id: message.id, error: error.message }),
      );
    });
  },

  /** In a worker: makes this registry part of the sum. */
  join(registry: Registry): void {
    if (!cluster.isWorker) return;
    // Constructing one installs prom-client's answering listener in this process; setRegistries alone does not.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  },

  /** In a worker: the metrics of every process; null outside a cluster. */
  async scrape(timeoutMs = 5_000): Promise<string | null> {
    if (!cluster.isWorker || !process.send) return null;
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('cluster metrics timed out')), timeoutMs);
      const onMessage = (message: unknown) => {
        if (isMessage(message) && message.type === REPLY && message.id === id)
          done(message.error ? new Error(message.error) : null, message.body);
      };
      const done = (error: Error | null, body?: string) => {
        clearTimeout(timer);
        process.off('message', onMessage);
        if (error) reject(error);
        else resolve(body ?? '');
      };
      process.on('message', onMessage);
      process.send!({ type: REQUEST, id });
    });
  },
};
