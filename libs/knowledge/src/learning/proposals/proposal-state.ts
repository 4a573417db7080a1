/**
 * Where a learnt pattern's backtest stands:
 * - PENDING: proposed in the resolve transaction, waiting for the learning job to backtest it;
 * - CLEAN: backtested without a true positive (then activated, or waiting for approval, by policy);
 * - REFUSED: the backtest found findings marked TRUE_POSITIVE: the pattern stays PROPOSED, not activated;
 * - SKIPPED: the pattern was no longer PROPOSED when its turn came (approved, rejected or edited by hand);
 * - ERROR: the backtest failed `MAX_BACKTEST_ATTEMPTS` times (see `lastError`).
 */
export enum ProposalState {
  PENDING = 'PENDING',
  CLEAN = 'CLEAN',
  REFUSED = 'REFUSED',
  SKIPPED = 'SKIPPED',
  ERROR = 'ERROR',
}

export const MAX_BACKTEST_ATTEMPTS = 5;
