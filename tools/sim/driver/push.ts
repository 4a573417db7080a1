import type { Emission } from '../scenario/finding-spec.js';
import { eventsOf } from '../render/events.js';

/** Findings per request: what an EventBridge API destination batches, well under the body limit. */
const FINDINGS_PER_REQUEST = 100;

const findingsIn = (event: Record<string, unknown>) =>
  event['detail-type'] === 'GuardDuty Finding'
    ? 1
    : (event.detail as { findings: unknown[] }).findings.length;

export interface PushTotals {
  requests: number;
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * POST /ingest/events with the tenant's ingest key, as EventBridge does: the events of `emissions` (one
 * tenant's) in requests of about 100 findings. Throws unless every finding was accepted: a refusal means the
 * generator produced something Sieve cannot read, and the figures would be wrong.
 */
export async function pushEmissions(
  apiUrl: string,
  ingestKey: string,
  emissions: readonly Emission[],
): Promise<PushTotals> {
  const totals: PushTotals = { requests: 0, accepted: 0, inserted: 0, updated: 0, unchanged: 0 };
  const events = eventsOf(emissions);
  let batch: Record<string, unknown>[] = [];
  let size = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const res = await fetch(`${apiUrl}/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ingestKey },
      body: JSON.stringify(batch),
    });
    const text = await res.text();
    if (res.status !== 202) throw new Error(`push answered ${res.status}: ${text.slice(0, 500)}`);
    const answer = JSON.parse(text) as PushTotals & { refused: number; refusals: unknown[] };
    if (answer.refused > 0 || answer.accepted !== size) {
      throw new Error(
        `push accepted ${answer.accepted}/${size}: ${JSON.stringify(answer.refusals).slice(0, 800)}`,
      );
    }
    totals.requests++;
    totals.accepted += answer.accepted;
    totals.inserted += answer.inserted;
    totals.updated += answer.updated;
    totals.unchanged += answer.unchanged;
    batch = [];
    size = 0;
  };
  for (const event of events) {
    if (size + findingsIn(event) > FINDINGS_PER_REQUEST) await send();
    batch.push(event);
    size += findingsIn(event);
  }
  await send();
  return totals;
}
