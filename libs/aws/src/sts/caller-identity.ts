import { Inject, Injectable } from '@nestjs/common';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AppConfigService, ErrorCode, SieveException } from '@sieve/core';
import type { AwsRoleTarget } from '../aws-target.js';
import { CredentialBroker } from '../broker/credential-broker.js';
import { RoleClients } from '../role-clients.js';

export interface CallerIdentity {
  /** The account the assumed role lives in, as AWS reports it. */
  account: string;
  /** The assumed-role session ARN. */
  arn: string;
}

/** Who AWS says Sieve is once it assumed a role: onboarding checks the account id against it. */
@Injectable()
export class CallerIdentityService {
  constructor(
    @Inject(RoleClients) private readonly clients: RoleClients,
    @Inject(CredentialBroker) private readonly broker: CredentialBroker,
    @Inject(AppConfigService) private readonly config: AppConfigService,
  ) {}

  async callerIdentity(target: AwsRoleTarget): Promise<CallerIdentity> {
    const client = this.clients.get(STSClient, { ...target, region: this.config.values.AWS_REGION });
    const answer = await this.broker.withRoleCredentials(target, 'sts:GetCallerIdentity', () =>
      client.send(new GetCallerIdentityCommand({})),
    );
    if (!answer.Account || !answer.Arn) {
      throw new SieveException(ErrorCode.Internal, 'STS GetCallerIdentity answered without an account');
    }
    return { account: answer.Account, arn: answer.Arn };
  }
}
