import type { PatternSupport } from '../patterns/pattern-schema.js';
import { isIdentifying } from './identifying-value.js';

type ListName = 'countries' | 'asns' | 'userAgentFamilies' | 'apiActions' | 'localPorts' | 'hostingProviders';
const LISTS: readonly ListName[] = [
  'countries',
  'asns',
  'userAgentFamilies',
  'apiActions',
  'localPorts',
  'hostingProviders',
];
/** Lists whose absence from a support vetoes nothing: pooled, they are recorded whenever a tenant did. */
const RECORDED_WHEN_SEEN: ReadonlySet<ListName> = new Set(['apiActions', 'localPorts']);
/** The schema's smallest list bound: a pooled list cut short vetoes more, never less. */
const MAX_LIST = 200;

/** Numbers and numeric text (ports) by value, other text alphabetically. */
function compare(a: string | number, b: string | number): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** What one tenant's patterns of one shape showed, merged (a tenant counts once per value). */
export interface TenantSupport {
  findings: number;
  lists: Partial<Record<ListName, Set<string | number>>>;
  tor: boolean;
  /** The tenant's support did not insist on tagged resources (its own untagged veto would not fire). */
  allowsUntagged: boolean;
}

export function emptyTenantSupport(): TenantSupport {
  return { findings: 0, lists: {}, tor: false, allowsUntagged: false };
}

/** Adds one pattern's support to the tenant's (a pattern without support recorded nothing). */
export function mergeSupport(into: TenantSupport, support: PatternSupport | null): void {
  into.findings += support?.findings ?? 0;
  into.tor ||= support?.tor === true;
  into.allowsUntagged ||= support?.tagged !== true;
  for (const name of LISTS) {
    const values = support?.[name];
    if (!values) continue;
    const set = (into.lists[name] ??= new Set());
    for (const v of values) if (!isIdentifying(v)) set.add(v);
  }
}

/**
 * The support of a pooled pattern, for the novelty vetoes of the tenants that consume it: a value (a
 * country, an ASN, a port, an API action, "Tor", "untagged") is in it only when at least `k` of the
 * contributing tenants' supports had it, the pool's rule for every feature value. Everything else is
 * vetoed in consuming tenants, so a value seen by one tenant neither leaks nor widens the pattern:
 * - countries, ASNs, user-agent families, hosting providers: a missing list already vetoes, so only values
 *   of k tenants are listed;
 * - API actions and local ports: a missing list vetoes nothing, so the list is recorded as soon as one
 *   tenant recorded it, holding the values of k tenants (possibly none);
 * - Tor and untagged resources are allowed when k tenants allowed them.
 */
export function poolSupport(tenants: readonly TenantSupport[], k: number): PatternSupport {
  const support: PatternSupport = { findings: tenants.reduce((n, t) => n + t.findings, 0) };
  for (const name of LISTS) {
    const recorded = tenants.filter((t) => t.lists[name] !== undefined);
    const counts = new Map<string | number, number>();
    for (const t of recorded) for (const v of t.lists[name]!) counts.set(v, (counts.get(v) ?? 0) + 1);
    const kept = [...counts]
      .filter(([, n]) => n >= k)
      .map(([v]) => v)
      .sort(compare)
      .slice(0, MAX_LIST);
    if (kept.length > 0 || (recorded.length > 0 && RECORDED_WHEN_SEEN.has(name))) {
      (support as Record<ListName, unknown>)[name] = kept;
    }
  }
  if (tenants.filter((t) => t.tor).length >= k) support.tor = true;
  if (tenants.filter((t) => t.allowsUntagged).length < k) support.tagged = true;
  return support;
}
