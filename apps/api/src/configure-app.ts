import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfigService, requestIdMiddleware } from '@sieve/core';
import { Logger } from 'nestjs-pino';
import { httpErrorHandler } from './http-error.handler.js';

/**
 * Everything main.ts does to the app besides listening and signals; the e2e tests boot the app through
 * it too.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(AppConfigService).values;
  app.useLogger(app.get(Logger));
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(httpErrorHandler);
  return app;
}
