import { Inject, Injectable } from '@nestjs/common';
import { type AwsClientConfig, AwsClientFactory } from './aws-client-factory.js';
import type { AwsRegionTarget } from './aws-target.js';
import { CredentialBroker } from './broker/credential-broker.js';
import { AwsRateLimits } from './rate-limit/aws-rate-limits.js';
import { type MiddlewareClient, rateLimitEachAttempt } from './rate-limit/rate-limit.middleware.js';
import { RedisTokenBucket } from './rate-limit/redis-token-bucket.js';

/** Clients kept per process; the least recently used beyond it are dropped (they own no sockets). */
const MAX_CLIENTS = 1_000;

/**
 * SDK clients acting as a customer's role in one region, cached per (tenant, role, region) and
 * constructor: signed with the broker's credentials, every HTTP attempt rate-limited by the shared
 * Redis bucket of its operation, account and region.
 */
@Injectable()
export class RoleClients {
  private readonly clients = new Map<string, MiddlewareClient>();

  constructor(
    @Inject(AwsClientFactory) private readonly factory: AwsClientFactory,
    @Inject(CredentialBroker) private readonly broker: CredentialBroker,
    @Inject(RedisTokenBucket) private readonly bucket: RedisTokenBucket,
    @Inject(AwsRateLimits) private readonly limits: AwsRateLimits,
  ) {}

  get<C extends MiddlewareClient>(Client: new (config: AwsClientConfig) => C, target: AwsRegionTarget): C {
    const key = [Client.name, target.tenantId, target.roleArn, target.externalId, target.region].join('\n');
    const cached = this.clients.get(key);
    if (cached) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.clients.delete(key);
      this.clients.set(key, cached);
      return cached as C;
    }
    const client = new Client(this.factory.roleConfig(target.region, this.broker.clientCredentials(target)));
    rateLimitEachAttempt(client, async (operation) => {
      const limit = this.limits.for(operation);
      if (!limit) return;
      await this.bucket.acquire(this.bucket.key(operation, target.accountId, target.region), limit);
    });
    this.clients.set(key, client);
    if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    return client;
  }
}
