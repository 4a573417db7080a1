import { benchFinding, securityHubEvent } from './asff.js';
import type { BenchTenant } from './seed.js';

export const FINDINGS_PER_REQUEST = 100;

export interface PushResult {
  /** Date.now() just before the request was sent. */
  sentAt: number;
  ids: string[];
}

/** One request ready to send: the Security Hub event for a tenant and the finding ids it carries. */
export interface PreparedBatch {
  tenant: BenchTenant;
  body: string;
  ids: string[];
}

/** Builds the event holding findings `from`..`from+count-1` of `tag` for a tenant. */
export function prepareBatch(
  tenant: BenchTenant,
  tag: string,
  from: number,
  count: number,
  severity?: { Label: string; Normalized: number },
): PreparedBatch {
  const findings = [];
  for (let n = from; n < from + count; n++) findings.push(benchFinding(tenant.accountId, tag, n, severity));
  const body = JSON.stringify(securityHubEvent(tenant.accountId, findings));
  return { tenant, body, ids: findings.map((f) => f.Id as string) };
}

/** Sends a prepared event; throws unless every finding was accepted. */
export async function sendBatch(apiUrl: string, batch: PreparedBatch): Promise<PushResult> {
  const sentAt = Date.now();
  const res = await fetch(`${apiUrl}/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': batch.tenant.apiKey },
    body: batch.body,
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`push answered ${res.status}: ${text.slice(0, 500)}`);
  const answer = JSON.parse(text) as { accepted: number; refused: number; refusals: unknown[] };
  if (answer.accepted !== batch.ids.length) {
    throw new Error(
      `push accepted ${answer.accepted}/${batch.ids.length}: ${JSON.stringify(answer.refusals).slice(0, 500)}`,
    );
  }
  return { sentAt, ids: batch.ids };
}

/** Builds and sends findings `from`..`from+count-1` of `tag` for a tenant as one Security Hub event. */
export function pushBatch(
  apiUrl: string,
  tenant: BenchTenant,
  tag: string,
  from: number,
  count: number,
  severity?: { Label: string; Normalized: number },
): Promise<PushResult> {
  return sendBatch(apiUrl, prepareBatch(tenant, tag, from, count, severity));
}

/** The requests of `total` findings of `tag`, spread round-robin over `tenants`, 100 per request. */
export function prepareAll(tenants: readonly BenchTenant[], tag: string, total: number): PreparedBatch[] {
  const batches: PreparedBatch[] = [];
  for (let from = 0; from < total; from += FINDINGS_PER_REQUEST) {
    const tenant = tenants[(from / FINDINGS_PER_REQUEST) % tenants.length];
    batches.push(prepareBatch(tenant, tag, from, Math.min(FINDINGS_PER_REQUEST, total - from)));
  }
  return batches;
}

/** Sends prepared requests with `clients` in flight at a time. */
export async function sendAll(
  apiUrl: string,
  batches: readonly PreparedBatch[],
  clients: number,
): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < batches.length) await sendBatch(apiUrl, batches[next++]);
  };
  await Promise.all(Array.from({ length: clients }, client));
}

/**
 * Pushes `total` findings of `tag`, spread round-robin over `tenants`, in requests of 100, with `clients`
 * requests in flight at a time, building each request just before it is sent. `shouldStop` ends it early
 * (the flood of the fairness test).
 */
export async function pushAll(
  apiUrl: string,
  tenants: readonly BenchTenant[],
  tag: string,
  total: number,
  clients: number,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  let pushed = 0;
  const client = async () => {
    for (;;) {
      if (shouldStop()) return;
      const from = next;
      if (from >= total) return;
      next += FINDINGS_PER_REQUEST;
      const count = Math.min(FINDINGS_PER_REQUEST, total - from);
      const tenant = tenants[(from / FINDINGS_PER_REQUEST) % tenants.length];
      await pushBatch(apiUrl, tenant, tag, from, count);
      pushed += count;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return pushed;
}
