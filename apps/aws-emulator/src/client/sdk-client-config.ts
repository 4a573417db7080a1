/** Structurally the SDK's AwsCredentialIdentity, so it can be passed as `credentials` to any client. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Spread into any AWS SDK v3 client constructor: `new SecurityHubClient(config)`. */
export interface EmulatorClientConfig {
  endpoint: string;
  region: string;
  credentials: AwsCredentials;
  maxAttempts?: number;
}

export interface ClientConfigOptions {
  credentials: AwsCredentials;
  /** Signing region: selects which region's findings and events the calls see. Default us-east-1. */
  region?: string;
  /** 1 turns the SDK's retries off, to observe throttling and faults directly. */
  maxAttempts?: number;
}

export function emulatorClientConfig(url: string, options: ClientConfigOptions): EmulatorClientConfig {
  return {
    endpoint: url,
    region: options.region ?? 'us-east-1',
    // A copy: SDK clients tag the credentials object they are given (`$source`), and the caller's
    // object may be part of a seed, which must stay free of unknown keys.
    credentials: { ...options.credentials },
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
}
