import { isUuid, SieveException } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { KnownGoodPattern } from './known-good-pattern.entity.js';

/**
 * The tenant's pattern (locked for a change when `lock`); NOT_FOUND alike for a malformed, unknown or
 * foreign id, so that an answer never tells another tenant's pattern exists.
 */
export async function findPattern(
  manager: EntityManager,
  tenantId: string,
  id: string,
  lock: boolean,
): Promise<KnownGoodPattern> {
  const notFound = () => SieveException.notFound('Known-good pattern', id);
  if (!isUuid(id)) throw notFound();
  const pattern = await manager.findOne(KnownGoodPattern, {
    where: { id, tenantId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!pattern) throw notFound();
  return pattern;
}
