/** What one pooling cycle did: counts only, never a tenant or a pattern of one. */
export interface PoolingCycleReport {
  startedAt: string;
  finishedAt: string;
  /** k: distinct contributing tenants a shape needs. */
  threshold: number;
  /** Tenants that opted in to contributing. */
  contributingTenants: number;
  /** Distinct shapes their active patterns gave (at any support). */
  shapes: number;
  /** Shapes confirmed by at least k tenants. */
  confirmedShapes: number;
  /** Global patterns created. */
  promoted: number;
  /** Global patterns retired because a true positive contradicted them. */
  contradicted: number;
  /** Confirmed shapes blocked before promotion because a true positive contradicts them. */
  blocked: number;
  /** Global patterns retired because fewer than k tenants confirm them now. */
  withdrawn: number;
  /** Global patterns whose pooled support (for the novelty vetoes) or confidence changed. */
  updated: number;
  /** Active global patterns after the cycle. */
  activeGlobalPatterns: number;
  /** The global pattern-set version after the cycle (workers reload when it moves). */
  globalVersion: number;
}
