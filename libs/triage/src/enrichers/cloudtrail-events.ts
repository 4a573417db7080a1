import { Inject, Injectable } from '@nestjs/common';
import {
  AwsAccountsService,
  type AwsRoleTarget,
  CloudTrailGateway,
  SingleFlightCache,
  type TrailEvents,
  type TrailEventsQuery,
} from '@sieve/aws';
import { Clock, ErrorCode, SieveException } from '@sieve/core';

/** CloudTrail event history of a tenant's connected accounts: what the cloudtrail enricher reads. */
export interface CloudTrailEventSource {
  /**
   * Events of the tenant's account in one region. Throws when the account is not connected (or its role
   * failed verification) and when AWS refuses or fails.
   */
  lookupEvents(
    tenantId: string,
    accountId: string,
    region: string,
    query: TrailEventsQuery,
  ): Promise<TrailEvents>;
}

/** DI token of the CloudTrailEventSource; TriageEnrichmentModule provides AccountCloudTrailEvents by default. */
export const CLOUDTRAIL_EVENTS = Symbol('CLOUDTRAIL_EVENTS');

/** How long a tenant's account list is reused: an account connected just now is looked up within a minute. */
export const ACCOUNT_TARGETS_TTL_MS = 60_000;

/**
 * Looks events up through the role the tenant registered for the account (its ARN and ExternalId come from
 * the accounts service, cached per tenant for a minute so that a batch of findings reads them once).
 */
@Injectable()
export class AccountCloudTrailEvents implements CloudTrailEventSource {
  private readonly targets: SingleFlightCache<ReadonlyMap<string, AwsRoleTarget>>;

  constructor(
    @Inject(AwsAccountsService) private readonly accounts: AwsAccountsService,
    @Inject(CloudTrailGateway) private readonly gateway: CloudTrailGateway,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.targets = new SingleFlightCache(() => this.clock.now().getTime());
  }

  async lookupEvents(
    tenantId: string,
    accountId: string,
    region: string,
    query: TrailEventsQuery,
  ): Promise<TrailEvents> {
    const target = (await this.targetsOf(tenantId)).get(accountId);
    if (!target) {
      throw new SieveException(
        ErrorCode.NotFound,
        `AWS account ${accountId} is not connected to this tenant, or its role failed verification`,
      );
    }
    return this.gateway.lookupEvents({ ...target, region }, query);
  }

  private targetsOf(tenantId: string): Promise<ReadonlyMap<string, AwsRoleTarget>> {
    return this.targets.get(tenantId, async () => {
      const reachable = await this.accounts.reachable(tenantId);
      const value = new Map(
        reachable.map((a) => [
          a.accountId,
          { tenantId, accountId: a.accountId, roleArn: a.roleArn, externalId: a.externalId },
        ]),
      );
      return { value, freshUntil: this.clock.now().getTime() + ACCOUNT_TARGETS_TTL_MS };
    });
  }
}
