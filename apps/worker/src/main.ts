import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigService } from '@sieve/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function bootstrap(): Promise<void> {
  // abortOnError: false, so that a failed boot (e.g. a job without a handler) rejects here and exits 1
  // with its message, instead of Nest calling process.abort().
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const logger = new NestLogger('Worker');
  const { SHUTDOWN_TIMEOUT_MS } = app.get(AppConfigService).values;

  // On a signal Nest closes the context: WorkerLifecycle drains the BullMQ workers (in-flight jobs finish),
  // then Redis and PostgreSQL are closed. `useProcessExit` exits 0 afterwards (and lets pino flush) instead
  // of re-raising the signal.
  app.enableShutdownHooks([...SIGNALS], { useProcessExit: true });
  for (const signal of SIGNALS) {
    process.once(signal, () => {
      logger.log(`${signal} received, draining jobs`);
      // A job that outlives the grace period is abandoned; its lock expires and another replica re-runs it.
      setTimeout(() => {
        logger.error(`Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms, exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  }
  logger.log(`Sieve worker ready (pid ${process.pid})`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
