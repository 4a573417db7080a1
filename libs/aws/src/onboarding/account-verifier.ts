import { Injectable } from '@nestjs/common';
import type { VerificationOutcome } from '../accounts/aws-accounts.service.js';
import type { AwsRoleTarget } from '../aws-target.js';
import { AwsAccessException } from '../errors/aws-access.exception.js';
import { explainAwsError } from '../errors/explain-aws-error.js';
import { SecurityHubGateway } from '../securityhub/security-hub-client.js';
import { CallerIdentityService } from '../sts/caller-identity.js';

/**
 * Proves Sieve can work with a customer's role: AssumeRole (with the tenant's ExternalId), GetCallerIdentity
 * (the role must live in the account being registered), then a one-finding GetFindings in every region.
 * The outcome carries AWS's refusal in words the customer can act on.
 */
@Injectable()
export class AccountVerifier {
  constructor(
    private readonly identity: CallerIdentityService,
    private readonly securityHub: SecurityHubGateway,
  ) {}

  async verify(target: AwsRoleTarget, regions: readonly string[]): Promise<VerificationOutcome> {
    let action = 'sts:GetCallerIdentity';
    let region: string | undefined;
    try {
      const caller = await this.identity.callerIdentity(target);
      if (caller.account !== target.accountId) {
        return {
          ok: false,
          reason: `The role ${target.roleArn} answered as account ${caller.account}, not ${target.accountId}`,
        };
      }
      action = 'securityhub:GetFindings';
      for (region of regions) {
        await this.securityHub.getFindingsPage({ ...target, region }, { maxResults: 1 });
      }
      return { ok: true };
    } catch (error) {
      if (error instanceof AwsAccessException) return { ok: false, reason: error.message };
      return {
        ok: false,
        reason: explainAwsError(error, { roleArn: target.roleArn, action, region }).reason,
      };
    }
  }
}
