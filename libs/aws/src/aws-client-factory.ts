import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AppConfigService } from '@sieve/core';
import { AwsPlatformCredentials } from './platform-credentials.js';

/**
 * Attempts per SDK call, first one included. The SDK's standard retry strategy retries throttling
 * (429, `TooManyRequestsException`, `ThrottlingException`…) and 5xx answers with jittered
 * exponential backoff; access and validation errors are never retried by the SDK.
 */
export const AWS_MAX_ATTEMPTS = 6;

/** What every AWS SDK v3 client constructor of this platform is given. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  /** undefined: the SDK's default provider chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  requestHandler: {
    httpAgent: HttpAgent;
    httpsAgent: HttpsAgent;
    connectionTimeout: number;
    requestTimeout: number;
  };
}

/**
 * Builds SDK client configurations: the endpoint override (AWS_ENDPOINT_URL, the local emulator in
 * development), region, credentials, retries and timeouts.
 */
@Injectable()
export class AwsClientFactory implements OnApplicationShutdown {
  // One socket pool for every client of the process: per-role clients then own no sockets, may be
  // dropped from a cache without being destroyed, and shutdown closes every connection at once.
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 50 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 50 });

  constructor(
    @Inject(AppConfigService) private readonly config: AppConfigService,
    @Inject(AwsPlatformCredentials) private readonly platform: AwsPlatformCredentials,
  ) {}

  /** For the platform's own calls (STS AssumeRole), in AWS_REGION. */
  platformConfig(): AwsClientConfig {
    return this.build(this.config.values.AWS_REGION, this.platform.credentials);
  }

  /** For calls made as a customer's role; `credentials` normally comes from the CredentialBroker. */
  roleConfig(region: string, credentials: AwsCredentialIdentityProvider): AwsClientConfig {
    return this.build(region, credentials);
  }

  onApplicationShutdown(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private build(
    region: string,
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  ): AwsClientConfig {
    const endpoint = this.config.values.AWS_ENDPOINT_URL;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      credentials,
      maxAttempts: AWS_MAX_ATTEMPTS,
      requestHandler: {
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        connectionTimeout: 5_000,
        requestTimeout: 30_000,
      },
    };
  }
}
