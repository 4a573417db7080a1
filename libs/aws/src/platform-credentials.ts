import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * The platform's own AWS identity: the principal customers' trust policies name, used only to call
 * STS AssumeRole. By default (`credentials` undefined) the SDK's default provider chain finds it:
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, shared config files, web identity (EKS), ECS or EC2
 * metadata. Tests and tools replace this provider, e.g. with the emulator's seeded user keys:
 * `{ provide: AwsPlatformCredentials, useValue: new AwsPlatformCredentials(keys) }`.
 */
export class AwsPlatformCredentials {
  constructor(readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider) {}
}
