import { Module } from '@nestjs/common';
import { FindingsModule } from './findings.module.js';
import { IngestController } from './ingest/ingest.controller.js';

/** The ingest endpoint (REST); the findings GraphQL operations join it with the triage pipeline. */
@Module({ imports: [FindingsModule], controllers: [IngestController] })
export class FindingsApiModule {}
