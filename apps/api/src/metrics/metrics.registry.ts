import type { FactoryProvider } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { ClusterMetrics } from '../cluster/cluster-metrics.js';

export const METRIC_PREFIX = 'sieve_';

/**
 * A registry per application instead of prom-client's global one: several apps can live in one process
 * (tests) without "metric already registered" errors or mixing their samples. Inject it as `Registry` to
 * add metrics of your own (name them with the `sieve_` prefix).
 */
export const metricsRegistryProvider: FactoryProvider<Registry> = {
  provide: Registry,
  useFactory: () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
    ClusterMetrics.join(registry);
    return registry;
  },
};
