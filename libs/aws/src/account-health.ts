import type { AwsRoleTarget } from './aws-target.js';

/**
 * Told when a customer's role stopped working for Sieve (AWS refused it even after a fresh
 * AssumeRole), so the account can be shown as degraded and its admin asked to fix the role.
 * A DI token: the accounts service implements it; AwsClientsModule requires one.
 */
export abstract class AccountHealthReporter {
  /** `reason` is customer-facing: it names the role and what AWS refused. */
  abstract markDegraded(target: AwsRoleTarget, reason: string): Promise<void>;
}
