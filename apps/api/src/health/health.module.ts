import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { RedisHealthIndicator } from './redis.health.js';
import { ShutdownState } from './shutdown-state.js';

/**
 * `GET /health/live` and `GET /health/ready`. Needs the global `DatabaseModule` (TypeORM data source) and
 * `RedisModule` of `@sieve/core`. Exports `ShutdownState` for a shutdown sequence that drains first.
 */
@Module({
  imports: [TerminusModule.forRoot()],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, ShutdownState],
  exports: [ShutdownState],
})
export class HealthModule {}
