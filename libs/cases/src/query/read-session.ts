import type { EntityManager } from 'typeorm';

type Opener = <T>(work: (manager: EntityManager, tenantIds: string[]) => Promise<T>) => Promise<T>;

interface Pending {
  work: (manager: EntityManager, tenantIds: string[]) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the reads one GraphQL request issues in the same tick (every DataLoader's batch, the child
 * connections of a case) into one unit of work: one transaction, and for an analyst one audited
 * cross-tenant read, instead of one per loader.
 */
export class ReadSession {
  private pending: Pending[] = [];

  constructor(private readonly open: Opener) {}

  run<T>(work: (manager: EntityManager, tenantIds: string[]) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate runs after the promise jobs in which DataLoader dispatches its batches.
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.open(async (manager, tenantIds) => {
        for (const item of batch) {
          try {
            item.resolve(await item.work(manager, tenantIds));
          } catch (error) {
            item.reject(error);
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
