import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { Worker } from 'bullmq';
import { JOB_CATALOGUE_TOKEN, type JobCatalogue } from './job-catalogue.token.js';

/**
 * Starts the BullMQ workers of every `@Processor` once the application is fully up, and drains them
 * first on shutdown: `beforeApplicationShutdown` runs before any `onApplicationShutdown`, so in-flight
 * jobs finish while Redis and PostgreSQL connections are still open.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(JOB_CATALOGUE_TOKEN) private readonly catalogue: JobCatalogue,
  ) {}

  onApplicationBootstrap(): void {
    this.workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
    const missing = Object.keys(this.catalogue).filter(
      (queue) => !this.workers.some((w) => w.name === queue),
    );
    if (missing.length) throw new Error(`No @Processor for queue(s): ${missing.join(', ')}`);

    for (const worker of this.workers) {
      // Without an 'error' listener BullMQ prints connection errors to the console, outside the JSON logs.
      worker.on('error', (error) => this.logger.error(`queue ${worker.name}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `job ${job?.name ?? '?'} (${job?.id ?? '?'}) on queue ${worker.name} failed: ${error.message}`,
        ),
      );
      if (!worker.isRunning()) {
        worker
          .run()
          .catch((error: Error) => this.logger.error(`queue ${worker.name} stopped: ${error.message}`));
      }
    }
    this.logger.log(`Consuming queues: ${this.workers.map((w) => w.name).join(', ')}`);
  }

  /** Stops taking jobs and waits for the running ones (bounded by SHUTDOWN_TIMEOUT_MS in main.ts). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
