import { Injectable, Logger } from '@nestjs/common';
import { AccountVerifier } from '../onboarding/account-verifier.js';
import { type VerificationOutcome, AwsAccountsService } from './aws-accounts.service.js';
import { ExternalIdsService } from './external-ids.service.js';

export interface HealthCheckSummary {
  checked: number;
  degraded: number;
}

const RETIRED_EXTERNAL_ID =
  "The ExternalId this role trusts was rotated and its grace period is over: update the stack's ExternalId " +
  'parameter to the current one, then register the account again';

/**
 * The periodic re-check of every connected account: the same verification as registration, so a role
 * deleted or changed by the customer shows as DEGRADED with the reason, and a fixed one recovers.
 */
@Injectable()
export class AccountHealthCheckService {
  private readonly logger = new Logger(AccountHealthCheckService.name);

  constructor(
    private readonly accounts: AwsAccountsService,
    private readonly externalIds: ExternalIdsService,
    private readonly verifier: AccountVerifier,
  ) {}

  async checkAll(): Promise<HealthCheckSummary> {
    const summary: HealthCheckSummary = { checked: 0, degraded: 0 };
    for (const tenantId of await this.accounts.tenantIds()) {
      for (const account of await this.accounts.reachable(tenantId)) {
        const target = {
          tenantId,
          accountId: account.accountId,
          roleArn: account.roleArn,
          externalId: account.externalId,
        };
        // One account's failure must not stop the sweep of the others.
        try {
          const outcome: VerificationOutcome = (await this.externalIds.isUsable(tenantId, account.externalId))
            ? await this.verifier.verify(target, account.regions)
            : { ok: false, reason: RETIRED_EXTERNAL_ID };
          await this.accounts.setHealth(target, outcome);
          summary.checked++;
          if (!outcome.ok) summary.degraded++;
        } catch (error) {
          this.logger.error(
            `Checking AWS account ${account.accountId} of tenant ${tenantId} failed: ${String(error)}`,
          );
        }
      }
    }
    return summary;
  }
}
