import { Injectable, Optional } from '@nestjs/common';
import { AwsAccountsService } from '@sieve/aws';
import { ErrorCode, SieveException, UnitOfWork } from '@sieve/core';
import type { NormalizedFinding } from '../normalize/normalized-finding.js';
import { type ParsedEvent, parseEventBridgePayload } from '../normalize/parse-eventbridge.js';
import type { FindingRecord } from '../store/finding-record.js';
import { FindingsStore } from '../store/findings-store.js';
import { toRecord } from '../store/to-record.js';
import { FindingsIngestedHook } from './findings-ingested.hook.js';
import type { IngestResult, Refusal } from './ingest-result.js';

/**
 * Findings pushed by a customer's EventBridge API destination. Each event is judged on its own (a bad or
 * foreign event never blocks the good ones of the same request) and every accepted finding is committed
 * to PostgreSQL before the caller hears 202: what was acknowledged is durable, whatever happens to the
 * process or to Redis afterwards (findings left PENDING are picked up from PostgreSQL).
 */
@Injectable()
export class PushIngestService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FindingsStore,
    private readonly accounts: AwsAccountsService,
    @Optional() private readonly hook?: FindingsIngestedHook,
  ) {}

  async ingest(tenantId: string, body: unknown): Promise<IngestResult> {
    if (body === null || typeof body !== 'object') {
      throw new SieveException(
        ErrorCode.BadUserInput,
        'Body must be an EventBridge event or an array of events',
      );
    }
    const events = parseEventBridgePayload(body);
    if (events.length === 0) throw new SieveException(ErrorCode.BadUserInput, 'Body holds no events');

    // The account check and the write share one unit of work: one transaction per push, not two.
    const { refusals, accepted, stored } = await this.uow.withTenant(tenantId, async (manager) => {
      const connected = new Set((await this.accounts.reachable(tenantId)).map((a) => a.accountId));
      const { refusals, accepted } = sortOut(events, connected);
      const stored = accepted.length ? await this.store.upsert(manager, accepted) : [];
      return { refusals, accepted, stored };
    });
    await this.hook?.afterIngest(tenantId, stored);
    const count = (outcome: string) => stored.filter((s) => s.outcome === outcome).length;
    return {
      accepted: accepted.length,
      refused: refusals.length,
      inserted: count('inserted'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      refusals,
    };
  }
}

/** Each event's findings, accepted or refused with the reason (an account not connected to the tenant). */
function sortOut(
  events: readonly ParsedEvent[],
  connected: ReadonlySet<string>,
): { refusals: Refusal[]; accepted: FindingRecord[] } {
  const refusals: Refusal[] = [];
  const accepted: FindingRecord[] = [];
  for (const event of events) {
    if (!event.ok) {
      refusals.push({ event: event.index, reason: event.reason });
      continue;
    }
    if (!connected.has(event.accountId)) {
      // The same answer for an unknown account and another tenant's: it reveals nothing.
      refusals.push({
        event: event.index,
        reason: `AWS account ${event.accountId} is not connected to this tenant`,
      });
      continue;
    }
    event.findings.forEach((result, position) => {
      if (!result.ok) {
        refusals.push({ event: event.index, finding: position, reason: result.errors.join('; ') });
      } else if (!connected.has(result.finding.awsAccountId)) {
        refusals.push(foreignFinding(event.index, position, result.finding));
      } else {
        accepted.push(toRecord(result.finding));
      }
    });
  }
  return { refusals, accepted };
}

function foreignFinding(event: number, finding: number, f: NormalizedFinding): Refusal {
  return {
    event,
    finding,
    findingId: f.findingId,
    reason: `AWS account ${f.awsAccountId} is not connected to this tenant`,
  };
}
