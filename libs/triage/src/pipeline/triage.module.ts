import { Module } from '@nestjs/common';
import { FindingsModule } from '@sieve/findings';
import { KnowledgeModule } from '@sieve/knowledge';
import { TriageEnrichmentModule } from '../enrichment/triage-enrichment.module.js';
import { TriageService } from './triage.service.js';

/**
 * The verdict pipeline for the worker: enrichers, the known-good matcher and the service tying them
 * together. Wake-ups come from TriageRequestsModule.
 */
@Module({
  imports: [FindingsModule, KnowledgeModule, TriageEnrichmentModule.forRoot()],
  providers: [TriageService],
  exports: [TriageService],
})
export class TriageModule {}
