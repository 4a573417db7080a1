import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AwsModule } from '@sieve/aws';
import { FINDINGS_ENTITIES } from './entities.js';
import { PushIngestService } from './ingest/push-ingest.service.js';
import { FindingsStore } from './store/findings-store.js';

/** Findings: normalisation, storage with dedup and versions, and ingestion. */
@Module({
  imports: [TypeOrmModule.forFeature(FINDINGS_ENTITIES), AwsModule],
  providers: [FindingsStore, PushIngestService],
  exports: [FindingsStore, PushIngestService],
})
export class FindingsModule {}
