import type { FaultConfig } from './fault-config.js';

export type FaultDecision =
  { kind: 'none' } | { kind: 'throttle' } | { kind: 'serverError'; status: 500 | 503 };

/**
 * Applies the faults an admin configured. Ratios are applied deterministically rather than at
 * random (ratio 0.5 fails the 1st, 3rd, 5th… in-scope request), so tests that use them never flake.
 */
export class FaultInjector {
  private config: FaultConfig = {};
  private throttleSequence = 0;
  private errorSequence = 0;

  current(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Replaces the whole fault configuration and restarts the ratio sequences. */
  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.throttleSequence = 0;
    this.errorSequence = 0;
  }

  reset(): void {
    this.set({});
  }

  isRoleDeleted(roleArn: string): boolean {
    return this.config.deletedRoleArns?.includes(roleArn) ?? false;
  }

  latencyFor(operation: string, accountId: string): number {
    return this.inScope(operation, accountId) ? (this.config.latencyMs ?? 0) : 0;
  }

  decide(operation: string, accountId: string): FaultDecision {
    if (!this.inScope(operation, accountId)) return { kind: 'none' };
    const { throttleRatio = 0, serverErrorRatio = 0, serverErrorStatus = 500 } = this.config;
    if (throttleRatio > 0 && isNextInRatio(throttleRatio, ++this.throttleSequence))
      return { kind: 'throttle' };
    if (serverErrorRatio > 0 && isNextInRatio(serverErrorRatio, ++this.errorSequence)) {
      return { kind: 'serverError', status: serverErrorStatus };
    }
    return { kind: 'none' };
  }

  private inScope(operation: string, accountId: string): boolean {
    const { operations, accountIds } = this.config;
    return (!operations || operations.includes(operation)) && (!accountIds || accountIds.includes(accountId));
  }
}

/** True for the n-th request when ceil(n·ratio) steps up: exactly ratio·n of the first n requests fail. */
function isNextInRatio(ratio: number, n: number): boolean {
  const epsilon = 1e-9;
  return Math.ceil(n * ratio - epsilon) > Math.ceil((n - 1) * ratio - epsilon);
}
