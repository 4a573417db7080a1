/**
 * Where a shape that reached the pool's threshold stands:
 * - PROMOTED: its global pattern is ACTIVE;
 * - WITHDRAWN: fewer than k contributing tenants still confirm it; its global pattern was retired, and a
 *   new one is promoted if k tenants confirm it again;
 * - BLOCKED: a true positive contradicted it (or a platform admin rejected it): retired, never promoted again.
 */
export enum PooledPatternState {
  PROMOTED = 'PROMOTED',
  WITHDRAWN = 'WITHDRAWN',
  BLOCKED = 'BLOCKED',
}
