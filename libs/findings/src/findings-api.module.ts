import { Module } from '@nestjs/common';
import { FindingsModule } from './findings.module.js';
import { DeadLetterResolver } from './graphql/resolvers/dead-letter.resolver.js';
import { FindingDetailsResolver, FindingResolver } from './graphql/resolvers/finding.resolver.js';
import { IngestStatsResolver } from './graphql/resolvers/ingest-stats.resolver.js';
import { IngestController } from './ingest/ingest.controller.js';
import { DeadLettersService } from './query/dead-letters.service.js';
import { FindingsQueryService } from './query/findings-query.service.js';
import { IngestStatsService } from './query/ingest-stats.service.js';

/**
 * The ingest endpoint (REST) and the findings GraphQL operations: reading findings, ingest statistics and
 * (platform admins) the dead-letter view with replay.
 */
@Module({
  imports: [FindingsModule],
  controllers: [IngestController],
  providers: [
    FindingsQueryService,
    IngestStatsService,
    DeadLettersService,
    FindingResolver,
    FindingDetailsResolver,
    IngestStatsResolver,
    DeadLetterResolver,
  ],
})
export class FindingsApiModule {}
