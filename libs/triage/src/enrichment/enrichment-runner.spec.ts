import { exfiltrationAsff, TENANT_ID, triageOf } from '../testing/fixtures.js';
import type { Enricher, EnrichmentContext } from './enricher.js';
import { EnrichmentGraphError, EnrichmentRunner } from './enrichment-runner.js';

const finding = triageOf(exfiltrationAsff);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A test enricher recording when it ran and what it read. */
function enricher(
  name: string,
  inputs: string[] = [],
  behaviour: (ctx: EnrichmentContext) => Promise<unknown> = async () => ({ from: name }),
  timeoutMs = 200,
): Enricher & { seen?: Record<string, unknown> } {
  const e: Enricher & { seen?: Record<string, unknown> } = {
    name,
    inputs,
    outputs: ['from'],
    timeoutMs,
    enrich: async (ctx) => {
      e.seen = { ...ctx.results };
      return behaviour(ctx);
    },
  };
  return e;
}

describe('EnrichmentRunner', () => {
  it('orders enrichers by their inputs and hands each one its inputs’ outputs only', async () => {
    const c = enricher('c', ['a', 'b']);
    const b = enricher('b', ['a']);
    const a = enricher('a');
    const runner = new EnrichmentRunner([c, b, a]);
    expect(runner.order.map((e) => e.name)).toEqual(['a', 'b', 'c']);

    const { enrichment, errors } = await runner.run(TENANT_ID, finding);
    expect(errors).toEqual([]);
    expect(enrichment).toEqual({ a: { from: 'a' }, b: { from: 'b' }, c: { from: 'c' } });
    expect(b.seen).toEqual({ a: { from: 'a' } });
    expect(c.seen).toEqual({ a: { from: 'a' }, b: { from: 'b' } });
  });

  it('runs independent enrichers concurrently', async () => {
    const slow = (name: string) => enricher(name, [], async () => (await sleep(80), name));
    const runner = new EnrichmentRunner([slow('x'), slow('y'), slow('z')]);
    const started = performance.now();
    const { enrichment } = await runner.run(TENANT_ID, finding);
    expect(performance.now() - started).toBeLessThan(200);
    expect(enrichment).toEqual({ x: 'x', y: 'y', z: 'z' });
  });

  it('passes the tenant and a frozen finding; a null answer is kept as null', async () => {
    let context: EnrichmentContext | undefined;
    const runner = new EnrichmentRunner([
      enricher('n', [], async (ctx) => {
        context = ctx;
        return null;
      }),
    ]);
    expect(await runner.run(TENANT_ID, finding)).toEqual({ enrichment: { n: null }, errors: [] });
    expect(context?.tenantId).toBe(TENANT_ID);
    expect(Object.isFrozen(context?.finding.observables)).toBe(true);
    expect(Object.isFrozen(context?.results)).toBe(true);
  });

  it('records a timeout, skips its dependents with a reason, and still runs the others', async () => {
    const hang = enricher('hang', [], () => new Promise(() => undefined), 30);
    const dependent = enricher('dependent', ['hang']);
    const other = enricher('other');
    const { enrichment, errors } = await new EnrichmentRunner([hang, dependent, other]).run(
      TENANT_ID,
      finding,
    );
    expect(enrichment).toEqual({ other: { from: 'other' } });
    expect(errors).toEqual([
      { enricher: 'hang', kind: 'timeout', message: 'timed out after 30 ms' },
      { enricher: 'dependent', kind: 'skipped', message: 'skipped: input "hang" failed' },
    ]);
    expect(dependent.seen).toBeUndefined();
  });

  it('records a throwing enricher (async or sync) and skips dependents transitively', async () => {
    const boom = enricher('boom', [], async () => {
      throw new Error('LookupEvents: AccessDenied');
    });
    const syncBoom: Enricher = {
      name: 'sync-boom',
      inputs: [],
      outputs: [],
      timeoutMs: 100,
      enrich: () => {
        throw new Error('sync failure');
      },
    };
    const mid = enricher('mid', ['boom']);
    const leaf = enricher('leaf', ['mid', 'ok']);
    const ok = enricher('ok');
    const { enrichment, errors } = await new EnrichmentRunner([boom, syncBoom, mid, leaf, ok]).run(
      TENANT_ID,
      finding,
    );
    expect(enrichment).toEqual({ ok: { from: 'ok' } });
    expect(errors).toEqual([
      { enricher: 'boom', kind: 'failed', message: 'LookupEvents: AccessDenied' },
      { enricher: 'sync-boom', kind: 'failed', message: 'sync failure' },
      { enricher: 'mid', kind: 'skipped', message: 'skipped: input "boom" failed' },
      { enricher: 'leaf', kind: 'skipped', message: 'skipped: input "mid" failed' },
    ]);
  });

  it('refuses a cycle at construction, naming only the enrichers in it', () => {
    const build = () =>
      new EnrichmentRunner([
        enricher('root'),
        enricher('p', ['root', 'r']),
        enricher('q', ['p']),
        enricher('r', ['q']),
        enricher('downstream', ['r']),
      ]);
    expect(build).toThrow(EnrichmentGraphError);
    expect(build).toThrow('Enricher inputs form a cycle among: "p", "q", "r"');
    expect(() => new EnrichmentRunner([enricher('self', ['self'])])).toThrow('cycle among: "self"');
  });

  it('refuses an unknown input, a duplicate name and a missing timeout', () => {
    expect(() => new EnrichmentRunner([enricher('history', ['ip-intel', 'principal-context'])])).toThrow(
      'Unknown enricher input: "history" reads "ip-intel"; "history" reads "principal-context"',
    );
    expect(() => new EnrichmentRunner([enricher('a'), enricher('a')])).toThrow('Two enrichers are named "a"');
    expect(() => new EnrichmentRunner([enricher('a', [], undefined, 0)])).toThrow(
      'needs a positive timeoutMs',
    );
  });
});
