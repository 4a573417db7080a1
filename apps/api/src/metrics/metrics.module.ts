import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DbMetrics } from './db-metrics.js';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin.js';
import { HttpMetrics } from './http-metrics.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { metricsRegistryProvider } from './metrics.registry.js';

/**
 * Prometheus metrics: `GET /metrics`, default Node.js metrics (`sieve_` prefix), the HTTP duration
 * histogram for every route of the application, and `GraphqlMetricsPlugin` for the Apollo config.
 * Exports the `Registry` so other modules can register metrics of their own.
 */
@Module({
  controllers: [MetricsController],
  providers: [metricsRegistryProvider, HttpMetrics, HttpMetricsMiddleware, GraphqlMetricsPlugin, DbMetrics],
  exports: [Registry, GraphqlMetricsPlugin],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
