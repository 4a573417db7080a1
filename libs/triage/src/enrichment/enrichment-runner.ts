import type { TriageFinding } from '../triage-finding.js';
import type { Enricher, EnrichmentError, EnrichmentResult } from './enricher.js';

/** The enrichers cannot be ordered: a duplicate name, an input no enricher produces, or a cycle. */
export class EnrichmentGraphError extends Error {
  override readonly name = 'EnrichmentGraphError';
}

class EnricherTimeout extends Error {}

/**
 * Runs enrichers in dependency order. The graph is checked once, at construction; a run starts every
 * enricher as soon as all its inputs are done, so independent enrichers run concurrently. A throwing or
 * timed-out enricher becomes an error entry; its dependents are skipped with a reason; the rest still run.
 */
export class EnrichmentRunner {
  /** Enrichers in a topological order (stable: ties keep the order they were listed in). */
  readonly order: readonly Enricher[];

  constructor(enrichers: readonly Enricher[]) {
    this.order = topologicalOrder(enrichers);
  }

  async run(tenantId: string, finding: TriageFinding): Promise<EnrichmentResult> {
    const results: Record<string, unknown> = {};
    const errors: EnrichmentError[] = [];
    const done = new Map<string, Promise<boolean>>();

    const start = (enricher: Enricher): Promise<boolean> =>
      (async () => {
        const inputsOk = await Promise.all(enricher.inputs.map((input) => done.get(input)!));
        const failed = enricher.inputs.filter((_, i) => !inputsOk[i]);
        if (failed.length > 0) {
          errors.push({
            enricher: enricher.name,
            kind: 'skipped',
            message: `skipped: input ${failed.map((f) => `"${f}"`).join(', ')} failed`,
          });
          return false;
        }
        const view = Object.freeze(Object.fromEntries(enricher.inputs.map((i) => [i, results[i]])));
        try {
          const output = await withTimeout(
            () => enricher.enrich({ tenantId, finding, results: view }),
            enricher.timeoutMs,
          );
          results[enricher.name] = output ?? null;
          return true;
        } catch (error) {
          const timedOut = error instanceof EnricherTimeout;
          errors.push({
            enricher: enricher.name,
            kind: timedOut ? 'timeout' : 'failed',
            message: timedOut ? `timed out after ${enricher.timeoutMs} ms` : messageOf(error),
          });
          return false;
        }
      })();

    // The order guarantees every input's promise exists before its dependents are started.
    for (const enricher of this.order) done.set(enricher.name, start(enricher));
    await Promise.all(done.values());

    // Results in the declared order, whatever order the enrichers finished in.
    const enrichment: Record<string, unknown> = {};
    for (const { name } of this.order) if (name in results) enrichment[name] = results[name];
    errors.sort((a, b) => this.indexOf(a.enricher) - this.indexOf(b.enricher));
    return { enrichment, errors };
  }

  private indexOf(name: string): number {
    return this.order.findIndex((e) => e.name === name);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rejects with EnricherTimeout after `ms`; the enricher's promise is left to settle on its own. */
function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new EnricherTimeout()), ms);
    let promise: Promise<T>;
    try {
      promise = work();
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Kahn's algorithm; throws naming the enrichers involved in a duplicate, unknown input or cycle. */
export function topologicalOrder(enrichers: readonly Enricher[]): Enricher[] {
  const byName = new Map<string, Enricher>();
  for (const enricher of enrichers) {
    if (byName.has(enricher.name)) {
      throw new EnrichmentGraphError(`Two enrichers are named "${enricher.name}"`);
    }
    if (!(enricher.timeoutMs > 0)) {
      throw new EnrichmentGraphError(`Enricher "${enricher.name}" needs a positive timeoutMs`);
    }
    byName.set(enricher.name, enricher);
  }
  const unknown = enrichers.flatMap((e) =>
    e.inputs.filter((i) => !byName.has(i)).map((i) => `"${e.name}" reads "${i}"`),
  );
  if (unknown.length > 0) {
    throw new EnrichmentGraphError(`Unknown enricher input: ${unknown.join('; ')}`);
  }

  const ordered: Enricher[] = [];
  const placed = new Set<string>();
  let remaining = [...enrichers];
  while (remaining.length > 0) {
    const ready = remaining.filter((e) => e.inputs.every((i) => placed.has(i)));
    if (ready.length === 0) {
      const cycle = cycleMembers(remaining);
      throw new EnrichmentGraphError(
        `Enricher inputs form a cycle among: ${cycle.map((e) => `"${e.name}"`).join(', ')}`,
      );
    }
    for (const e of ready) {
      ordered.push(e);
      placed.add(e.name);
    }
    remaining = remaining.filter((e) => !placed.has(e.name));
  }
  return ordered;
}

/** Of enrichers none of which can run, drops those only downstream of a cycle (nobody left reads them). */
function cycleMembers(stuck: readonly Enricher[]): Enricher[] {
  let members = [...stuck];
  for (;;) {
    const read = new Set(members.flatMap((e) => e.inputs));
    const next = members.filter((e) => read.has(e.name));
    if (next.length === members.length) return members;
    members = next;
  }
}
