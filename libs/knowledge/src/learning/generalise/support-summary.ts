import type { PatternSupport } from '../../patterns/pattern-schema.js';
import type { Fingerprint } from '../../patterns/predicate.js';

const sorted = <T extends string | number>(values: Iterable<T>): T[] =>
  [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Lists are kept within the schema's bounds (200 entries is the smallest): a support cut short vetoes more,
 * never less, and a case of that many distinct values is a poor teacher anyway.
 */
const MAX_LIST = 200;

function strings(fingerprints: readonly Fingerprint[], key: string, maxLength = 64): string[] {
  return sorted(
    fingerprints
      .map((fp) => fp[key])
      .filter((v): v is string => typeof v === 'string' && v.length <= maxLength),
  ).slice(0, MAX_LIST);
}

/**
 * What the findings a pattern is learnt from showed, in the shape the novelty vetoes read
 * (`PatternSupport`): a later finding with a value outside it is raised, not suppressed. A list is recorded
 * only when the findings said something about it (an absent list vetoes nothing on its own):
 * - countries, ASNs, user-agent families and API actions seen;
 * - local ports: the union of the ports involved, recorded whenever a finding carried the port list (an
 *   empty list then means "no port was exposed", and any port a later finding shows is vetoed);
 * - hosting providers of hosting remotes ("unknown" when hosting had no provider name);
 * - Tor: whether a remote was a Tor node; tagged: whether every resource was tagged (or none was).
 */
export function supportOf(fingerprints: readonly Fingerprint[]): PatternSupport {
  const support: PatternSupport = { findings: fingerprints.length };
  const countries = strings(fingerprints, 'remoteCountry');
  if (countries.length) support.countries = countries;
  const asns = sorted(
    fingerprints
      .map((fp) => fp.remoteAsn)
      .filter((v): v is number => Number.isInteger(v) && (v as number) >= 0),
  ).slice(0, MAX_LIST);
  if (asns.length) support.asns = asns;
  const families = strings(fingerprints, 'userAgentFamily');
  if (families.length) support.userAgentFamilies = families;
  const actions = strings(fingerprints, 'apiAction', 256);
  if (actions.length) support.apiActions = actions;

  const portLists = fingerprints.map((fp) => fp.localPorts).filter((v): v is string[] => Array.isArray(v));
  if (portLists.length) {
    support.localPorts = sorted(portLists.flat().filter((p) => /^\d{1,5}$/.test(p)))
      .sort((a, b) => Number(a) - Number(b))
      .slice(0, MAX_LIST);
  }

  const hosting = fingerprints.filter((fp) => fp.remoteHosting === true);
  if (hosting.length) {
    support.hostingProviders = sorted(
      hosting.map((fp) =>
        typeof fp.remoteHostingProvider === 'string' ? fp.remoteHostingProvider : 'unknown',
      ),
    )
      .filter((provider) => provider.length <= 128)
      .slice(0, MAX_LIST);
  }
  if (fingerprints.some((fp) => typeof fp.remoteTor === 'boolean')) {
    support.tor = fingerprints.some((fp) => fp.remoteTor === true);
  }
  const tagged = fingerprints.map((fp) => fp.resourceTagged);
  if (tagged.length && tagged.every((t) => t === true)) support.tagged = true;
  else if (tagged.length && tagged.every((t) => t === false)) support.tagged = false;
  return support;
}
