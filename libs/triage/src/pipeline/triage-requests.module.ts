import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { FindingsIngestedHook } from '@sieve/findings';
import { TriageRequests } from './triage-requests.js';

/**
 * Wakes triage after ingestion, for every process that ingests (API and worker). Global so that the
 * findings library's ingest services find the hook without importing triage (which depends on them).
 * Needs BullModule.forRoot in the application.
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Triage })],
  providers: [TriageRequests, { provide: FindingsIngestedHook, useExisting: TriageRequests }],
  exports: [TriageRequests, FindingsIngestedHook],
})
export class TriageRequestsModule {}
