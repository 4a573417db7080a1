/** PROPOSED: waiting for a backtest or approval. ACTIVE: suppresses. RETIRED: kept for history. */
export enum PatternStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
