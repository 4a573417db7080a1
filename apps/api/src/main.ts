import 'reflect-metadata';
import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfigService } from '@sieve/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { runApiCluster } from './cluster/api-cluster.js';
import { apiProcesses } from './cluster/api-processes.js';
import { configureApp } from './configure-app.js';
import { ShutdownState } from './health/shutdown-state.js';

/**
 * Graceful shutdown: readiness fails at once, the server keeps answering for SHUTDOWN_DRAIN_MS so load
 * balancers stop routing here, then Nest closes (in-flight requests finish, pools close). A shutdown
 * slower than SHUTDOWN_TIMEOUT_MS is cut short.
 */
function handleSignals(app: NestExpressApplication): void {
  const { SHUTDOWN_DRAIN_MS, SHUTDOWN_TIMEOUT_MS } = app.get(AppConfigService).values;
  const logger = app.get(Logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`, 'Shutdown');
    setTimeout(() => process.exit(1), SHUTDOWN_DRAIN_MS + SHUTDOWN_TIMEOUT_MS).unref();
    app.get(ShutdownState).markShuttingDown();
    await sleep(SHUTDOWN_DRAIN_MS);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function bootstrap(): Promise<void> {
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false }),
  );
  handleSignals(app);
  const { API_HOST, API_PORT } = app.get(AppConfigService).values;
  await app.listen(API_PORT, API_HOST);
}

function fail(error: unknown): never {
  // Config errors name the variable; print them plainly, a stack trace adds nothing.
  console.error(error instanceof Error && error.name === 'ConfigValidationError' ? error.message : error);
  process.exit(1);
}

try {
  const processes = apiProcesses();
  if (processes > 1 && cluster.isPrimary) runApiCluster(processes);
  else bootstrap().catch(fail);
} catch (error) {
  fail(error);
}
