/** Jobs of the `learning` queue (QueueName.Learning); the API produces them too, after a case is resolved. */
export enum LearningJob {
  /** Backtests one tenant's pending proposals, activating the clean ones under the auto policy. */
  Backtest = 'learning.backtest',
  /** Periodic: wakes tenants whose pending proposals lost their wake-up (Redis is not durable). */
  Sweep = 'learning.sweep',
}

export interface LearningTenantJobData {
  tenantId: string;
}
