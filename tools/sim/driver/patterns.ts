import { graphql } from './graphql-client.js';

export interface ScopeCounts {
  active: number;
  proposed: number;
  retired: number;
}

/** A tenant's known-good patterns and the pooled ones it sees, by status (`patternStats`). */
export async function patternCounts(
  apiUrl: string,
  tenantToken: string,
): Promise<{ tenant: ScopeCounts; global: ScopeCounts }> {
  const { patternStats } = await graphql<{ patternStats: { tenant: ScopeCounts; global: ScopeCounts } }>(
    apiUrl,
    tenantToken,
    `
      query {
        patternStats {
          tenant {
            active
            proposed
            retired
          }
          global {
            active
            proposed
            retired
          }
        }
      }
    `,
  );
  return patternStats;
}

/**
 * Waits for the pooling job to publish global patterns: until the number of ACTIVE global patterns is above
 * zero and has not changed for `stableMs`, or `timeoutMs` passed (pooling may not run at all). Answers the count.
 */
export async function waitForPool(
  apiUrl: string,
  tenantToken: string,
  opts: { timeoutMs: number; stableMs: number },
): Promise<number> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const { active } = (await patternCounts(apiUrl, tenantToken)).global;
    if (active !== last) {
      last = active;
      since = Date.now();
    }
    if (active > 0 && Date.now() - since >= opts.stableMs) return active;
    if (Date.now() >= deadline) return active;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Waits for the learning the day's dispositions started (proposal, backtest, activation run as jobs): until
 * every tenant's pattern counts have not changed for `quietMs`, or `timeoutMs` passed. Answers the wait in ms.
 */
export async function waitForLearning(
  apiUrl: string,
  tenantTokens: readonly string[],
  opts: { quietMs: number; timeoutMs: number },
): Promise<number> {
  const started = Date.now();
  let last = '';
  let since = started;
  for (;;) {
    const counts = await Promise.all(tenantTokens.map((token) => patternCounts(apiUrl, token)));
    const now = JSON.stringify(counts.map((c) => c.tenant));
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    if (Date.now() - since >= opts.quietMs || Date.now() - started >= opts.timeoutMs)
      return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
}
