import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics.registry.js';

export type HttpRequestLabel = 'method' | 'route' | 'status_code' | 'operation_type' | 'operation_name';

/** Label value for a request no route matched (404s, scanners): never the raw URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** HTTP request durations by route pattern (`/findings/:id`, never the URL with its ids). */
@Injectable()
export class HttpMetrics {
  readonly requestDuration: Histogram<HttpRequestLabel>;

  constructor(registry: Registry) {
    this.requestDuration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Duration of HTTP requests by method, route pattern and status code; GraphQL requests also by operation',
      labelNames: ['method', 'route', 'status_code', 'operation_type', 'operation_name'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }
}

/**
 * The route pattern Express matched (Nest's routes and Apollo's `/graphql` are Express routes), read once
 * the response is done. Requests that matched none share one label value.
 */
export function routeLabel(req: { baseUrl?: string; route?: unknown }): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
