import { Injectable } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * The DataSource's TypeORM logger: counts every SQL statement the application sends (transaction control
 * included) and prints nothing — errors surface as exceptions, and statements are never logged because
 * their parameters hold tenant data. Read by `/metrics` (`sieve_db_statements_total`), by tests that bound
 * the statements of a request (DataLoader), and by `npm run bench:api`.
 */
@Injectable()
export class SqlStatementCounter implements Logger {
  private statements = 0;

  /** Statements sent since the process started. */
  get total(): number {
    return this.statements;
  }

  logQuery(): void {
    this.statements++;
  }

  logQueryError(): void {
    // The failed statement was counted by logQuery just before.
  }

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
