import { Controller, Get, Header, Res } from '@nestjs/common';
import { Public } from '@sieve/core';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { ClusterMetrics } from '../cluster/cluster-metrics.js';

/**
 * Prometheus scrape endpoint. Public: keep it off the public ingress (scrape it from inside the cluster).
 * With several API processes (API_PROCESSES), it answers for all of them.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const body = (await ClusterMetrics.scrape()) ?? (await this.registry.metrics());
    res.setHeader('Content-Type', this.registry.contentType);
    return body;
  }
}
