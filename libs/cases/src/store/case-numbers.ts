import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Case numbers per tenant. One upsert on the tenant's counter row hands out `count` consecutive numbers
 * atomically; the row stays locked until the transaction ends, so numbers are never given twice, and a
 * rolled-back transaction gives its numbers back.
 */
@Injectable()
export class CaseNumbers {
  async allocate(manager: EntityManager, tenantId: string, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const [row] = (await manager.query(
      `INSERT INTO case_counters (tenant_id, last_number) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET last_number = case_counters.last_number + EXCLUDED.last_number
       RETURNING last_number`,
      [tenantId, count],
    )) as { last_number: number }[];
    const first = row.last_number - count + 1;
    return Array.from({ length: count }, (_, i) => first + i);
  }
}
