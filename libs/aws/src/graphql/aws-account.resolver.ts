import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  type Connection,
  ConnectionArgs,
  CurrentPrincipal,
  type Principal,
  RequireAccess,
} from '@sieve/core';
import type { AwsAccount } from '../accounts/aws-account.entity.js';
import { AwsAccountsService } from '../accounts/aws-accounts.service.js';
import { type AwsOnboarding, AwsOnboardingService } from '../onboarding/aws-onboarding.service.js';
import {
  RegisterAwsAccountInput,
  RotateAwsExternalIdInput,
  StartAwsOnboardingInput,
} from './aws-account.inputs.js';
import { AwsAccountConnection, AwsAccountType } from './aws-account.type.js';
import { AwsOnboardingType } from './aws-onboarding.type.js';

@Resolver(() => AwsAccountType)
export class AwsAccountResolver {
  constructor(
    private readonly onboarding: AwsOnboardingService,
    private readonly accounts: AwsAccountsService,
  ) {}

  @Mutation(() => AwsOnboardingType, {
    description: "The role template, its parameters (with this tenant's ExternalId) and a quick-create link.",
  })
  @RequireAccess(Access.Admin)
  startAwsOnboarding(
    @CurrentPrincipal() principal: Principal,
    @Args('input', { nullable: true }) input?: StartAwsOnboardingInput,
  ): Promise<AwsOnboarding> {
    return this.onboarding.start(principal.tenantId!, input?.region ?? 'us-east-1');
  }

  @Mutation(() => AwsOnboardingType, {
    description: 'Issues a new ExternalId; the previous one keeps working during the grace period.',
  })
  @RequireAccess(Access.Admin)
  rotateAwsExternalId(
    @CurrentPrincipal() principal: Principal,
    @Args('input', { nullable: true }) input?: RotateAwsExternalIdInput,
  ): Promise<AwsOnboarding> {
    return this.onboarding.rotateExternalId(
      principal,
      principal.tenantId!,
      input?.graceHours ?? 168,
      'us-east-1',
    );
  }

  @Mutation(() => AwsAccountType, {
    description:
      'Verifies the role (AssumeRole, account, Security Hub read in each region) and connects the account.',
  })
  @RequireAccess(Access.Admin)
  registerAwsAccount(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RegisterAwsAccountInput,
  ): Promise<AwsAccount> {
    return this.onboarding.register(principal, principal.tenantId!, input);
  }

  @Query(() => AwsAccountConnection)
  @RequireAccess(Access.Read)
  awsAccounts(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<AwsAccount>> {
    return this.accounts.list(principal.tenantId!, args);
  }

  @Mutation(() => AwsAccountType, { description: 'Disconnects the account; Sieve stops reading it.' })
  @RequireAccess(Access.Admin)
  removeAwsAccount(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AwsAccount> {
    return this.accounts.remove(principal, principal.tenantId!, id);
  }
}
