import { benchFinding, securityHubEvent } from './asff.js';
import type { BenchTenant } from './seed.js';

export const FINDINGS_PER_REQUEST = 100;

export interface PushResult {
  /** Date.now() just before the request was sent. */
  sentAt: number;
  ids: string[];
}

/** Pushes findings `from`..`from+count-1` of `tag` for a tenant as one Security Hub event; throws unless all were accepted. */
export async function pushBatch(
  apiUrl: string,
  tenant: BenchTenant,
  tag: string,
  from: number,
  count: number,
  severity?: { Label: string; Normalized: number },
): Promise<PushResult> {
  const findings = [];
  for (let n = from; n < from + count; n++) findings.push(benchFinding(tenant.accountId, tag, n, severity));
  const body = JSON.stringify(securityHubEvent(tenant.accountId, findings));
  const sentAt = Date.now();
  const res = await fetch(`${apiUrl}/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body,
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`push answered ${res.status}: ${text.slice(0, 500)}`);
  const answer = JSON.parse(text) as { accepted: number; refused: number; refusals: unknown[] };
  if (answer.accepted !== count) {
    throw new Error(
      `push accepted ${answer.accepted}/${count}: ${JSON.stringify(answer.refusals).slice(0, 500)}`,
    );
  }
  return { sentAt, ids: findings.map((f) => f.Id as string) };
}

/**
 * Pushes `total` findings of `tag`, spread round-robin over `tenants`, in requests of 100, with `clients`
 * requests in flight at a time. `shouldStop` ends it early (the flood of the fairness test).
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
