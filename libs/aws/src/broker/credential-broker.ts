import { Inject, Injectable, Logger } from '@nestjs/common';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { Clock, ErrorCode, SieveException } from '@sieve/core';
import { AccountHealthReporter } from '../account-health.js';
import { AwsClientFactory } from '../aws-client-factory.js';
import type { AwsRoleTarget } from '../aws-target.js';
import { AwsAccessException } from '../errors/aws-access.exception.js';
import { awsErrorCode, explainAwsError, isCredentialRejection } from '../errors/explain-aws-error.js';
import { roleSessionName } from './role-session-name.js';
import { type Fresh, SingleFlightCache } from './single-flight-cache.js';

const SESSION_SECONDS = 3600;
/** Credentials are replaced this long before they expire, so no call is signed with dying ones. */
export const CREDENTIAL_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Temporary credentials for customers' roles: STS AssumeRole with the tenant's ExternalId, cached
 * until shortly before expiry, one AssumeRole at a time per role. Credentials never reach a log
 * line: only account, role and outcome are logged.
 */
@Injectable()
export class CredentialBroker {
  private readonly logger = new Logger(CredentialBroker.name);
  private readonly sts: STSClient;
  private readonly cache: SingleFlightCache<AwsCredentialIdentity>;

  constructor(
    @Inject(AwsClientFactory) factory: AwsClientFactory,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AccountHealthReporter) private readonly health: AccountHealthReporter,
  ) {
    this.sts = new STSClient(factory.platformConfig());
    this.cache = new SingleFlightCache(() => this.clock.now().getTime());
  }

  /** Throws AwsAccessException when the role refuses Sieve; failures are never cached. */
  credentialsFor(target: AwsRoleTarget): Promise<AwsCredentialIdentity> {
    return this.cache.get(cacheKey(target), () => this.assume(target));
  }

  /** Forgets the role's credentials; with `stale`, only if they are still the cached ones. */
  invalidate(target: AwsRoleTarget, stale?: AwsCredentialIdentity): void {
    this.cache.delete(cacheKey(target), (cached) => !stale || cached.accessKeyId === stale.accessKeyId);
  }

  /** A credential provider for SDK clients acting as the role; every signature asks the broker. */
  clientCredentials(target: AwsRoleTarget): AwsCredentialIdentityProvider {
    // `memoized` stops the SDK from wrapping the provider in its own cache, which would keep
    // signing with credentials the broker invalidated until they expire.
    return Object.assign(() => this.credentialsFor(target), { memoized: true });
  }

  /**
   * Runs one AWS call made with the role's credentials. When AWS refuses those credentials (expired,
   * revoked, denied), the role is assumed again once and the call retried; a second refusal marks
   * the account degraded and throws AwsAccessException. Other errors pass through unchanged.
   */
  async withRoleCredentials<T>(target: AwsRoleTarget, action: string, call: () => Promise<T>): Promise<T> {
    let used: AwsCredentialIdentity | undefined;
    try {
      used = await this.credentialsFor(target);
      return await call();
    } catch (error) {
      if (!isCredentialRejection(error)) throw await this.reported(target, error);
      this.logger.log(
        `AWS refused ${action} as ${target.roleArn} (account ${target.accountId}) with ${awsErrorCode(error)}; assuming the role again`,
      );
      this.invalidate(target, used);
    }
    try {
      await this.credentialsFor(target);
      return await call();
    } catch (error) {
      const refused = isCredentialRejection(error)
        ? new AwsAccessException(target, explainAwsError(error, { roleArn: target.roleArn, action }))
        : error;
      throw await this.reported(target, refused);
    }
  }

  private async assume(target: AwsRoleTarget): Promise<Fresh<AwsCredentialIdentity>> {
    const { accountId, roleArn } = target;
    let credentials;
    try {
      ({ Credentials: credentials } = await this.sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: roleSessionName(target.tenantId),
          ExternalId: target.externalId,
          DurationSeconds: SESSION_SECONDS,
        }),
      ));
    } catch (error) {
      this.logger.warn(`AssumeRole ${roleArn} (account ${accountId}) failed: ${awsErrorCode(error)}`);
      throw assumeRoleFailure(target, error);
    }
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
      throw new SieveException(ErrorCode.Internal, `STS AssumeRole of ${roleArn} returned no credentials`);
    }
    const expiration =
      credentials.Expiration ?? new Date(this.clock.now().getTime() + SESSION_SECONDS * 1000);
    this.logger.log(`Assumed ${roleArn} (account ${accountId}) until ${expiration.toISOString()}`);
    return {
      value: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration,
      },
      freshUntil: expiration.getTime() - CREDENTIAL_REFRESH_MARGIN_MS,
    };
  }

  /** Reports an access failure as account health; the reporter's own failure must not hide it. */
  private async reported(target: AwsRoleTarget, error: unknown): Promise<unknown> {
    if (error instanceof AwsAccessException) {
      await this.health.markDegraded(target, error.message).catch((failure: unknown) => {
        this.logger.error(`Could not mark account ${target.accountId} degraded: ${awsErrorCode(failure)}`);
      });
    }
    return error;
  }
}

/**
 * Keyed by tenant and ExternalId as well as the role: were two tenants to register the same role,
 * a cache per role alone would hand one tenant credentials obtained with the other's ExternalId.
 */
function cacheKey(target: AwsRoleTarget): string {
  return [target.tenantId, target.roleArn, target.externalId].join('\n');
}

function assumeRoleFailure(target: AwsRoleTarget, error: unknown): unknown {
  const explanation = explainAwsError(error, { roleArn: target.roleArn, action: 'sts:AssumeRole' });
  switch (explanation.kind) {
    case 'access-denied':
      return new AwsAccessException(target, explanation);
    case 'platform-credentials':
      return new SieveException(ErrorCode.Internal, explanation.reason);
    default:
      // Throttling that outlived the SDK's retries, outages, network errors: transient, callers retry.
      return error;
  }
}
