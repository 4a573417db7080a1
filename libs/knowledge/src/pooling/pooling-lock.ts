import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * One pooling cycle at a time across every process (worker replicas, and the API running one on demand):
 * a cycle reads all contributions and then rewrites the pool, and a slower cycle applying older counts after
 * a newer one would flip promotions back and forth. A session-level advisory lock on a connection of its
 * own, held for the whole cycle (whose reads and writes run in their own units of work); it touches no
 * table, and a crashed process's lock goes with its connection.
 */
@Injectable()
export class PoolingLock {
  constructor(private readonly dataSource: DataSource) {}

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('sieve.pooling-cycle'))`);
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('sieve.pooling-cycle'))`);
      }
    } finally {
      await runner.release();
    }
  }
}
