import { Inject, Injectable } from '@nestjs/common';
import {
  CloudTrailClient,
  type LookupAttributeKey,
  LookupEventsCommand,
  type LookupEventsCommandInput,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { ErrorCode, SieveException } from '@sieve/core';
import type { AwsRegionTarget } from '../aws-target.js';
import { CredentialBroker } from '../broker/credential-broker.js';
import { AwsAccessException } from '../errors/aws-access.exception.js';
import { type AwsErrorExplanation, awsErrorCode, explainAwsError } from '../errors/explain-aws-error.js';
import { RoleClients } from '../role-clients.js';
import { CloudTrailLookupException } from './cloudtrail-lookup.exception.js';
import { type TrailEvent, trailEventOf } from './trail-event.js';

/** CloudTrail's largest LookupEvents page. */
export const MAX_LOOKUP_PAGE_SIZE = 50;

export interface TrailEventsQuery {
  startTime: Date;
  endTime: Date;
  /** LookupEvents filters on one attribute at most, e.g. `{ key: 'AccessKeyId', value: 'AKIA…' }`. */
  attribute?: { key: LookupAttributeKey; value: string };
  /** Stop after this many events, newest first (default one page, 50). Each page is one request. */
  maxEvents?: number;
  /** Abandons the lookup: a request not yet sent is not sent, one in flight is dropped. */
  abortSignal?: AbortSignal;
}

export interface TrailEvents {
  /** Newest first, as CloudTrail returns them. */
  events: TrailEvent[];
  /** More events matched than `maxEvents`. */
  truncated: boolean;
}

const ACTION = 'cloudtrail:LookupEvents';

/**
 * CloudTrail event history (the last 90 days of management events) as a customer's role sees it in one
 * region. Every request waits for the shared LookupEvents bucket of the account and region (2/s).
 *
 * Unlike Security Hub calls, a refusal does not mark the account degraded: event lookups only enrich
 * triage, the periodic account check does not probe them, and a role without `cloudtrail:LookupEvents`
 * would flip between DEGRADED and ACTIVE at every check. The caller gets AwsAccessException with the
 * customer-facing reason instead. Expired or revoked session credentials are replaced once, as the
 * broker does for other calls.
 */
@Injectable()
export class CloudTrailGateway {
  constructor(
    @Inject(RoleClients) private readonly clients: RoleClients,
    @Inject(CredentialBroker) private readonly broker: CredentialBroker,
  ) {}

  async lookupEvents(target: AwsRegionTarget, query: TrailEventsQuery): Promise<TrailEvents> {
    const maxEvents = query.maxEvents ?? MAX_LOOKUP_PAGE_SIZE;
    if (!Number.isInteger(maxEvents) || maxEvents < 1) {
      throw new SieveException(ErrorCode.BadUserInput, 'maxEvents must be a positive integer');
    }
    if (query.startTime.getTime() > query.endTime.getTime()) {
      throw new SieveException(ErrorCode.BadUserInput, 'A CloudTrail lookup must start before it ends');
    }
    const events: TrailEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.page(
        target,
        {
          LookupAttributes: query.attribute
            ? [{ AttributeKey: query.attribute.key, AttributeValue: query.attribute.value }]
            : undefined,
          StartTime: query.startTime,
          EndTime: query.endTime,
          MaxResults: Math.min(MAX_LOOKUP_PAGE_SIZE, maxEvents - events.length),
          NextToken: nextToken,
        },
        query.abortSignal,
      );
      events.push(...(page.Events ?? []).map(trailEventOf));
      nextToken = page.NextToken || undefined;
    } while (nextToken && events.length < maxEvents);
    return { events: events.slice(0, maxEvents), truncated: nextToken !== undefined };
  }

  private async page(
    target: AwsRegionTarget,
    input: LookupEventsCommandInput,
    abortSignal: AbortSignal | undefined,
  ): Promise<LookupEventsCommandOutput> {
    const client = this.clients.get(CloudTrailClient, target);
    for (let attempt = 1; ; attempt++) {
      let used;
      try {
        used = await this.broker.credentialsFor(target);
        // A new command per attempt: a command object is not meant to be sent twice.
        return await client.send(new LookupEventsCommand(input), { abortSignal });
      } catch (error) {
        // The broker's own failures (AssumeRole refused, platform credentials) already read well.
        if (error instanceof SieveException) throw error;
        const explanation = explainAwsError(error, { roleArn: target.roleArn, action: ACTION });
        if (explanation.kind === 'credentials-rejected' && attempt === 1) {
          this.broker.invalidate(target, used);
          continue;
        }
        if (explanation.kind === 'access-denied') throw new AwsAccessException(target, explanation);
        throw new CloudTrailLookupException(target, awsErrorCode(error), reasonOf(error, explanation));
      }
    }
  }
}

/** AWS's answer in our words; for failures that never reached AWS (network, abort), what happened. */
function reasonOf(error: unknown, explanation: AwsErrorExplanation): string {
  if (awsErrorCode(error) === 'AbortError') return 'abandoned by the caller';
  const fromAws = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (fromAws !== undefined) return explanation.reason;
  return `${awsErrorCode(error)}: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
}
