import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

type Task = () => Promise<void>;

/**
 * Work to do once the open transaction has committed, and never if it rolls back: waking the learning job
 * for a proposal written in a case's resolve transaction, announcing a pattern set that changed in it. Such
 * work is best effort by nature (a Redis message): it runs after COMMIT without holding it, and a failure is
 * logged, never thrown into the commit. What it wakes is found again from PostgreSQL by a sweeper.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Task[]>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** Runs `task` after the transaction of `manager` commits (at once when there is none). */
  defer(manager: EntityManager, task: Task): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      this.run([task]);
      return;
    }
    const tasks = this.pending.get(runner);
    if (tasks) tasks.push(task);
    else this.pending.set(runner, [task]);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // Also called when a savepoint is released: the work waits for the outermost commit.
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return;
    const tasks = this.pending.get(runner);
    if (!tasks) return;
    this.pending.delete(runner);
    this.run(tasks);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private run(tasks: readonly Task[]): void {
    for (const task of tasks) {
      task().catch((error: unknown) => this.logger.warn(`After-commit work failed: ${String(error)}`));
    }
  }
}
