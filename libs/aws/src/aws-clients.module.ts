import {
  type ClassProvider,
  type DynamicModule,
  type ExistingProvider,
  type FactoryProvider,
  Module,
  type ModuleMetadata,
  type ValueProvider,
} from '@nestjs/common';
import { AccountHealthReporter } from './account-health.js';
import { AwsClientFactory } from './aws-client-factory.js';
import { CredentialBroker } from './broker/credential-broker.js';
import { AwsPlatformCredentials } from './platform-credentials.js';
import { AwsRateLimits } from './rate-limit/aws-rate-limits.js';
import { RedisTokenBucket } from './rate-limit/redis-token-bucket.js';
import { RoleClients } from './role-clients.js';
import { SecurityHubGateway } from './securityhub/security-hub-client.js';
import { CallerIdentityService } from './sts/caller-identity.js';

/** How the importing context supplies the AccountHealthReporter the broker reports broken roles to. */
export type AccountHealthProvider = { provide: typeof AccountHealthReporter } & (
  | ClassProvider<AccountHealthReporter>
  | ValueProvider<AccountHealthReporter>
  | FactoryProvider<AccountHealthReporter>
  | ExistingProvider<AccountHealthReporter>
);

export interface AwsClientsModuleOptions {
  /** Required: e.g. `{ provide: AccountHealthReporter, useExisting: AwsAccountsService }`. */
  accountHealth: AccountHealthProvider;
  /** Modules whose exports the reporter needs. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Talking to customers' AWS accounts: credential broker, rate-limited per-role SDK clients, the
 * Security Hub gateway and caller identity. Needs ConfigModule, ClockModule and RedisModule (global)
 * and an AccountHealthReporter given to `register`. Override `AwsPlatformCredentials` to choose the
 * platform's identity explicitly and `AwsRateLimits` to change quotas.
 */
@Module({})
export class AwsClientsModule {
  static register(options: AwsClientsModuleOptions): DynamicModule {
    const exported = [
      AwsClientFactory,
      CredentialBroker,
      RedisTokenBucket,
      AwsRateLimits,
      RoleClients,
      SecurityHubGateway,
      CallerIdentityService,
    ];
    return {
      module: AwsClientsModule,
      imports: options.imports ?? [],
      providers: [
        options.accountHealth,
        { provide: AwsPlatformCredentials, useValue: new AwsPlatformCredentials() },
        { provide: AwsRateLimits, useValue: new AwsRateLimits() },
        AwsClientFactory,
        CredentialBroker,
        RedisTokenBucket,
        RoleClients,
        SecurityHubGateway,
        CallerIdentityService,
      ],
      exports: exported,
    };
  }
}
