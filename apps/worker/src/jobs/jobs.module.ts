import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JOB_CATALOGUE } from '../queues/job-name.js';
import { JOB_CATALOGUE_TOKEN } from './job-catalogue.token.js';
import { JobRegistry } from './job-registry.js';
import { WorkerLifecycle } from './worker-lifecycle.js';

/** The job machinery: the checked handler registry and the start/drain of the BullMQ workers. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobRegistry, WorkerLifecycle, { provide: JOB_CATALOGUE_TOKEN, useValue: JOB_CATALOGUE }],
  exports: [JobRegistry],
})
export class JobsModule {}
