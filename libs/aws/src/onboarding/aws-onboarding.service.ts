import { Injectable } from '@nestjs/common';
import { type Actor, AppConfigService, ErrorCode, SieveException } from '@sieve/core';
import { type AwsAccountRegistration, validateRegistration } from '../accounts/aws-account-input.js';
import type { AwsAccount } from '../accounts/aws-account.entity.js';
import { AwsAccountsService } from '../accounts/aws-accounts.service.js';
import { ExternalIdsService } from '../accounts/external-ids.service.js';
import { AccountVerifier } from './account-verifier.js';
import {
  DEFAULT_ROLE_NAME,
  DEFAULT_STACK_NAME,
  customerRoleTemplate,
  quickCreateUrl,
} from './role-template.js';

export interface AwsOnboarding {
  externalId: string;
  previousExternalIdRetiresAt: Date | null;
  platformPrincipalArn: string;
  stackName: string;
  templateBody: string;
  templateUrl: string;
  parameters: { key: string; value: string }[];
  quickCreateUrl: string;
}

/** Connecting a customer's AWS account: the template to deploy, then registration with verification. */
@Injectable()
export class AwsOnboardingService {
  constructor(
    private readonly config: AppConfigService,
    private readonly externalIds: ExternalIdsService,
    private readonly accounts: AwsAccountsService,
    private readonly verifier: AccountVerifier,
  ) {}

  async start(tenantId: string, region: string): Promise<AwsOnboarding> {
    const [current, previous] = [
      await this.externalIds.current(tenantId),
      await this.externalIds.previous(tenantId),
    ];
    const { AWS_PLATFORM_PRINCIPAL_ARN, AWS_ROLE_TEMPLATE_URL } = this.config.values;
    const parameters = {
      PlatformPrincipalArn: AWS_PLATFORM_PRINCIPAL_ARN,
      ExternalId: current.externalId,
      RoleName: DEFAULT_ROLE_NAME,
    };
    return {
      externalId: current.externalId,
      previousExternalIdRetiresAt: previous?.retiresAt ?? null,
      platformPrincipalArn: AWS_PLATFORM_PRINCIPAL_ARN,
      stackName: DEFAULT_STACK_NAME,
      templateBody: customerRoleTemplate(),
      templateUrl: AWS_ROLE_TEMPLATE_URL,
      parameters: Object.entries(parameters).map(([key, value]) => ({ key, value })),
      quickCreateUrl: quickCreateUrl({
        region,
        templateUrl: AWS_ROLE_TEMPLATE_URL,
        stackName: DEFAULT_STACK_NAME,
        parameters,
      }),
    };
  }

  async rotateExternalId(
    actor: Actor,
    tenantId: string,
    graceHours: number,
    region: string,
  ): Promise<AwsOnboarding> {
    await this.externalIds.rotate(actor, tenantId, graceHours);
    return this.start(tenantId, region);
  }

  /**
   * Verifies the role with the tenant's current ExternalId and stores the account ACTIVE; a refusal is
   * stored FAILED (so the customer sees it in `awsAccounts`) and answered as AWS_VERIFICATION_FAILED.
   */
  async register(actor: Actor, tenantId: string, input: AwsAccountRegistration): Promise<AwsAccount> {
    const registration = validateRegistration(input);
    const { externalId } = await this.externalIds.current(tenantId);
    const outcome = await this.verifier.verify(
      { tenantId, externalId, ...registration },
      registration.regions,
    );
    const account = await this.accounts.record(actor, tenantId, registration, externalId, outcome);
    if (!outcome.ok) {
      throw new SieveException(ErrorCode.AwsVerificationFailed, outcome.reason, {
        accountId: registration.accountId,
        roleArn: registration.roleArn,
      });
    }
    return account;
  }
}
