/**
 * What happens to a pattern learnt from a resolved case once its backtest is clean:
 * - AUTO_AFTER_CLEAN_BACKTEST (the default): it is activated at once, by the learning job;
 * - REQUIRE_APPROVAL: it stays PROPOSED until a tenant admin or an assigned MSSP analyst approves it
 *   (`approvePattern`, which backtests again).
 * A backtest that finds a true positive refuses activation under either policy.
 */
export enum PatternActivationPolicy {
  AUTO_AFTER_CLEAN_BACKTEST = 'AUTO_AFTER_CLEAN_BACKTEST',
  REQUIRE_APPROVAL = 'REQUIRE_APPROVAL',
}

/** A tenant's learning policy as the loop applies it. */
export interface LearningPolicy {
  activation: PatternActivationPolicy;
  /** How far back a backtest replays the tenant's findings. */
  backtestDays: number;
  /** Null while the tenant runs on the defaults. */
  updatedAt: Date | null;
  updatedBy: string | null;
}

export const DEFAULT_BACKTEST_DAYS = 30;
export const MAX_BACKTEST_DAYS = 365;

export const DEFAULT_LEARNING_POLICY: LearningPolicy = {
  activation: PatternActivationPolicy.AUTO_AFTER_CLEAN_BACKTEST,
  backtestDays: DEFAULT_BACKTEST_DAYS,
  updatedAt: null,
  updatedBy: null,
};
