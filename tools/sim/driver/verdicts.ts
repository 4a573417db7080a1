import { graphql } from './graphql-client.js';
import type { SimTenant } from './onboarding.js';

export interface TenantBacklog {
  slug: string;
  pending: number;
  errors: number;
  received: number;
}

const STATS = `query($from: DateTime!, $to: DateTime!, $tenantId: ID) {
  ingestStats(from: $from, to: $to, tenantId: $tenantId) { pending errors received }
}`;

/** Each tenant's findings still without a verdict, from `ingestStats` (the platform admin may ask for any tenant). */
export async function backlog(
  apiUrl: string,
  platformToken: string,
  tenants: readonly SimTenant[],
  since: Date,
): Promise<TenantBacklog[]> {
  const to = new Date(Date.now() + 86_400_000).toISOString();
  return Promise.all(
    tenants.map(async (t) => {
      const { ingestStats } = await graphql<{ ingestStats: Omit<TenantBacklog, 'slug'> }>(
        apiUrl,
        platformToken,
        STATS,
        {
          from: since.toISOString(),
          to,
          tenantId: t.id,
        },
      );
      return { slug: t.world.slug, ...ingestStats };
    }),
  );
}

/**
 * Waits until every finding pushed so far has its verdict (no tenant has one pending or in error). The 202
 * of a push comes after the findings are stored, so "nothing pending" after the pushes means "all judged".
 */
export async function waitForVerdicts(
  apiUrl: string,
  platformToken: string,
  tenants: readonly SimTenant[],
  since: Date,
  opts: { timeoutMs: number; check: () => void },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const state = await backlog(apiUrl, platformToken, tenants, since);
    if (state.every((t) => t.pending === 0 && t.errors === 0)) return;
    opts.check();
    if (Date.now() > deadline) {
      throw new Error(`verdicts still missing after ${opts.timeoutMs / 1000} s: ${JSON.stringify(state)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
