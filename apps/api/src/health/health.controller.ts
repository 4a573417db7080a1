import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '@sieve/core';
import type { Response } from 'express';
import { RedisHealthIndicator } from './redis.health.js';
import { ShutdownState } from './shutdown-state.js';

/** Leaves room for the Redis check and the HTTP round trip inside a 1 s probe timeout. */
export const DATABASE_PING_TIMEOUT_MS = 800;

/**
 * Kubernetes-style probes. Both answer terminus's standard body (`status`, `info`, `error`, `details`) and
 * need no credentials.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  /**
   * The process is up and its event loop answers. Deliberately checks no dependency: a failing liveness
   * probe makes Kubernetes restart the pod, and restarting every healthy pod during a database or Redis
   * outage cures nothing and adds a restart storm on top. Dependencies belong to readiness, which only takes
   * the pod out of the load balancer. It also stays `ok` during a graceful shutdown, so Kubernetes does not
   * kill the pod before in-flight requests finish.
   */
  @Get('live')
  @Public()
  @HealthCheck()
  live(): HealthCheckResult {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  /**
   * Can this process serve traffic: PostgreSQL and Redis answer, and it is not shutting down. 503 if not.
   * Once shutting down it answers terminus's `shutting_down` status at once, without touching pools that are
   * about to close (and without logging every probe of the drain as a failure).
   */
  @Get('ready')
  @Public()
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    if (this.shutdown.isShuttingDown) {
      const shutdown = this.indicators.check('shutdown').down('the process is shutting down');
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'shutting_down', info: {}, error: shutdown, details: shutdown };
    }
    try {
      return await this.health.check([
        () => this.database.pingCheck('database').withTimeout(DATABASE_PING_TIMEOUT_MS),
        () => this.redis.pingCheck('redis'),
      ]);
    } catch (error) {
      // Terminus reports failure by throwing a 503 carrying its result. Answer it here rather than let it
      // reach the application's exception filter, which would rewrite it into the API's error format.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
