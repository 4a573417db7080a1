import { Module } from '@nestjs/common';
import { PoolingResolver } from './graphql/pooling.resolver.js';
import { PoolReview } from './pool-review.service.js';
import { PoolingModule } from './pooling.module.js';

/**
 * GraphQL of the pool for platform admins: review the pooled shapes, run a cycle, reject a shape. Tenants
 * set their opt-ins with `updateTenant` (poolContribute, poolConsume) and read the global patterns through
 * the knowledge API.
 */
@Module({
  imports: [PoolingModule],
  providers: [PoolReview, PoolingResolver],
})
export class PoolingApiModule {}
