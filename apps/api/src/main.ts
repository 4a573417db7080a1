import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfigService } from '@sieve/core';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false }));
  const { API_HOST, API_PORT } = app.get(AppConfigService).values;
  await app.listen(API_PORT, API_HOST);
}

bootstrap().catch((error: unknown) => {
  // Config errors name the variable; print them plainly, a stack trace adds nothing.
  console.error(error instanceof Error && error.name === 'ConfigValidationError' ? error.message : error);
  process.exit(1);
});
