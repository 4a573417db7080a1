import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { JOB_CATALOGUE_TOKEN, type JobCatalogue } from './job-catalogue.token.js';
import {
  JOB_HANDLER_METADATA,
  type JobHandlerMetadata,
  type JobHandlerMethod,
} from './job-handler.decorator.js';

interface FoundHandler extends JobHandlerMetadata {
  /** `Class.method`, for error messages. */
  owner: string;
  run: JobHandlerMethod;
}

const keyOf = (queue: string, job: string): string => `${queue}\u0000${job}`;

/**
 * Collects the `@JobHandler` methods of all providers at module init and refuses to start (throws, naming
 * every offending job) unless each catalogue job has exactly one handler and each handler's job is in the
 * catalogue. A job name typo then stops the deployment instead of failing jobs at 3 a.m.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, JobHandlerMethod>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(JOB_CATALOGUE_TOKEN) private readonly catalogue: JobCatalogue,
  ) {}

  onModuleInit(): void {
    const found = this.discover();
    const problems = this.check(found);
    if (problems.length) {
      throw new Error(
        `Job handlers do not match the job catalogue:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      );
    }
    for (const handler of found) this.handlers.set(keyOf(handler.queue, handler.job), handler.run);
  }

  /** Runs the handler of `job.name`; a name without one fails the job at once (no retries). */
  dispatch(queue: string, job: Job): Promise<unknown> {
    const run = this.handlers.get(keyOf(queue, job.name));
    if (!run) {
      return Promise.reject(new UnrecoverableError(`No handler for job "${job.name}" on queue "${queue}"`));
    }
    return run(job);
  }

  private discover(): FoundHandler[] {
    const found: FoundHandler[] = [];
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<JobHandlerMetadata | undefined>(JOB_HANDLER_METADATA, fn);
        if (!meta) continue;
        const owner = `${instance.constructor.name}.${method}`;
        // Request-scoped providers have no instance to call from a worker; they cannot handle jobs.
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(`Job handler ${owner} ("${meta.job}") must be on a singleton provider`);
        }
        found.push({ ...meta, owner, run: (fn as JobHandlerMethod).bind(instance) });
      }
    }
    return found;
  }

  private check(found: FoundHandler[]): string[] {
    const problems: string[] = [];
    for (const [queue, jobs] of Object.entries(this.catalogue)) {
      for (const job of jobs) {
        const owners = found.filter((h) => h.queue === queue && h.job === job).map((h) => h.owner);
        if (owners.length === 0) problems.push(`job "${job}" on queue "${queue}" has no handler`);
        if (owners.length > 1) {
          problems.push(
            `job "${job}" on queue "${queue}" has ${owners.length} handlers: ${owners.join(', ')}`,
          );
        }
      }
    }
    for (const handler of found) {
      if (!this.catalogue[handler.queue]?.includes(handler.job)) {
        problems.push(
          `${handler.owner} handles job "${handler.job}" on queue "${handler.queue}", which is not in the catalogue`,
        );
      }
    }
    return problems;
  }
}
