import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { graphqlOperationOf } from './graphql-operation.js';
import { HttpMetrics, routeLabel } from './http-metrics.js';

/** Status recorded when the client went away before the response was complete (nginx's convention). */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * Times every request, whatever answers it: a middleware (not an interceptor) also sees requests rejected
 * by guards or by routing (401, 404), which never reach interceptors.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = performance.now();
    res.once('close', () => {
      const operation = graphqlOperationOf(req);
      this.metrics.requestDuration.observe(
        {
          method: req.method,
          route: routeLabel(req),
          status_code: String(res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST),
          operation_type: operation?.operationType ?? '',
          operation_name: operation?.operationName ?? '',
        },
        (performance.now() - start) / 1000,
      );
    });
    next();
  }
}
