import { Injectable } from '@nestjs/common';
import { SqlStatementCounter } from '@sieve/core';
import { Counter, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics.registry.js';

/** `sieve_db_statements_total`: SQL statements this process sent, read from the DataSource's counter at scrape. */
@Injectable()
export class DbMetrics {
  constructor(registry: Registry, statements: SqlStatementCounter) {
    let reported = 0;
    new Counter({
      name: `${METRIC_PREFIX}db_statements_total`,
      help: 'SQL statements sent to PostgreSQL, transaction control included',
      registers: [registry],
      collect() {
        const total = statements.total;
        this.inc(total - reported);
        reported = total;
      },
    });
  }
}
