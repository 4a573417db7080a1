import { QueueName } from '@sieve/core';
import { Injectable, type Provider, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type Job, UnrecoverableError } from 'bullmq';
import type { SystemJob } from '../queues/job-name.js';
import { JOB_CATALOGUE_TOKEN, type JobCatalogue } from './job-catalogue.token.js';
import { JobHandler } from './job-handler.decorator.js';
import { JobRegistry } from './job-registry.js';

// Job names of a made-up catalogue, so these tests do not change whenever a real job is added.
const ONE = 'test.one' as SystemJob;
const TWO = 'test.two' as SystemJob;
const CATALOGUE: JobCatalogue = { [QueueName.System]: [ONE, TWO] };

@Injectable()
class OneHandler {
  @JobHandler(QueueName.System, ONE)
  async one(job: Job): Promise<string> {
    return `one:${job.data as string}`;
  }
}

@Injectable()
class TwoHandler {
  @JobHandler(QueueName.System, TWO)
  async two(): Promise<string> {
    return 'two';
  }
}

@Injectable()
class AnotherTwoHandler {
  @JobHandler(QueueName.System, TWO)
  async alsoTwo(): Promise<void> {}
}

@Injectable()
class UnknownJobHandler {
  @JobHandler(QueueName.System, 'test.typo' as SystemJob)
  async typo(): Promise<void> {}
}

@Injectable({ scope: Scope.REQUEST })
class RequestScopedHandler {
  @JobHandler(QueueName.System, ONE)
  async one(): Promise<void> {}
}

async function boot(...handlers: Provider[]): Promise<JobRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobRegistry, { provide: JOB_CATALOGUE_TOKEN, useValue: CATALOGUE }, ...handlers],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(JobRegistry);
}

const job = (name: string, data: unknown = null): Job => ({ name, data }) as Job;

describe('JobRegistry', () => {
  it('accepts exactly one handler per catalogue job and dispatches by job name', async () => {
    const registry = await boot(OneHandler, TwoHandler);
    await expect(registry.dispatch(QueueName.System, job(ONE, 'x'))).resolves.toBe('one:x');
    await expect(registry.dispatch(QueueName.System, job(TWO))).resolves.toBe('two');
  });

  it('refuses to start when a catalogue job has no handler, naming the job', async () => {
    await expect(boot(OneHandler)).rejects.toThrow('job "test.two" on queue "system" has no handler');
  });

  it('refuses to start when a job has two handlers, naming the job and both handlers', async () => {
    await expect(boot(OneHandler, TwoHandler, AnotherTwoHandler)).rejects.toThrow(
      'job "test.two" on queue "system" has 2 handlers: TwoHandler.two, AnotherTwoHandler.alsoTwo',
    );
  });

  it('refuses to start when a handler names a job that is not in the catalogue', async () => {
    await expect(boot(OneHandler, TwoHandler, UnknownJobHandler)).rejects.toThrow(
      'UnknownJobHandler.typo handles job "test.typo" on queue "system", which is not in the catalogue',
    );
  });

  it('lists every problem at once', async () => {
    const error = await boot(UnknownJobHandler).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /test\.one.*no handler[\s\S]*test\.two.*no handler[\s\S]*test\.typo/,
    );
  });

  it('refuses a handler on a request-scoped provider', async () => {
    await expect(boot(RequestScopedHandler, TwoHandler)).rejects.toThrow(
      'Job handler RequestScopedHandler.one ("test.one") must be on a singleton provider',
    );
  });

  it('fails a job without a handler with an unrecoverable error naming it', async () => {
    const registry = await boot(OneHandler, TwoHandler);
    const error = await registry.dispatch(QueueName.System, job('test.nope')).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toBe('No handler for job "test.nope" on queue "system"');
  });
});
