import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountHealthReporter } from './account-health.js';
import { AccountHealthCheckService } from './accounts/account-health-check.service.js';
import { AwsAccountsService } from './accounts/aws-accounts.service.js';
import { ExternalIdsService } from './accounts/external-ids.service.js';
import { AwsClientsModule } from './aws-clients.module.js';
import { CloudTrailGateway } from './cloudtrail/cloudtrail-gateway.js';
import { AWS_ENTITIES } from './entities.js';
import { AccountVerifier } from './onboarding/account-verifier.js';
import { AwsOnboardingService } from './onboarding/aws-onboarding.service.js';

const SERVICES = [
  AwsAccountsService,
  ExternalIdsService,
  AccountVerifier,
  AwsOnboardingService,
  AccountHealthCheckService,
  CloudTrailGateway,
];

/**
 * Customers' AWS accounts: onboarding, the accounts' health, and the AWS clients acting through their
 * roles. The broker reports broken roles to the accounts service (its own instance: it holds no state).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(AWS_ENTITIES),
    AwsClientsModule.register({
      accountHealth: { provide: AccountHealthReporter, useClass: AwsAccountsService },
    }),
  ],
  providers: SERVICES,
  exports: [...SERVICES, AwsClientsModule],
})
export class AwsModule {}
