import { Module } from '@nestjs/common';
import { FindingsModule } from '@sieve/findings';
import { KnowledgeModule } from '@sieve/knowledge';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AwsModule } from '@sieve/aws';
import { TriageEnrichmentModule } from '../enrichment/triage-enrichment.module.js';
import { TRIAGE_ENTITIES } from '../entities.js';
import { IP_RANGE_DATASET_PROVIDER } from '../ip/ip-dataset.provider.js';
import { WritebackService } from '../writeback/writeback.service.js';
import { TriageService } from './triage.service.js';
import { VerdictHooks } from './verdict.hook.js';

/**
 * The verdict pipeline for the worker: enrichers, the known-good matcher and the service tying them
 * together. Wake-ups come from TriageRequestsModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(TRIAGE_ENTITIES),
    FindingsModule,
    KnowledgeModule,
    AwsModule,
    TriageEnrichmentModule.forRoot({ imports: [AwsModule], providers: [IP_RANGE_DATASET_PROVIDER] }),
  ],
  providers: [TriageService, WritebackService, VerdictHooks],
  exports: [TriageService, WritebackService, VerdictHooks],
})
export class TriageModule {}
