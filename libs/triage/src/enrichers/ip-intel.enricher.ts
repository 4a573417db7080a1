import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Enricher, EnrichmentContext } from '../enrichment/enricher.js';
import { hostingProvider } from '../ip/hosting-asns.js';
import { type IpScope, ipScope, parseIp } from '../ip/ip-address.js';
import { EmptyIpRangeDataset, IP_RANGE_DATASET, type IpRangeDataset } from '../ip/ip-range-dataset.js';
import {
  THREAT_INTEL_PROVIDERS,
  TOR_EXIT_CATEGORY,
  type ThreatIntelMatch,
  type ThreatIntelProvider,
} from '../threat-intel/threat-intel.js';

export type IntelSource = 'finding' | 'dataset';

export interface IpIntel {
  ip: string;
  /** Undefined when the finding's address does not parse. */
  version?: 4 | 6;
  scope: IpScope | 'unparseable';
  asn?: number;
  asnOrg?: string;
  countryCode?: string;
  /** Country name, when the finding gave one. */
  country?: string;
  /** Where asn/asnOrg and country came from: GuardDuty's own data is preferred over the range dataset. */
  asnSource?: IntelSource;
  countrySource?: IntelSource;
  /** The ASN is a cloud / hosting / VPS provider's (see HOSTING_ASNS). */
  hosting: boolean;
  hostingProvider?: string;
  /** Listed as a Tor exit by a threat-intel provider, or the finding type itself says Tor. */
  tor: boolean;
  /** Every threat-intel hit for the address and the finding's domain. */
  threatIntel: ThreatIntelMatch[];
  /** Categories of those hits, distinct and sorted (what the fingerprint keeps). */
  threatCategories: string[];
  /** Providers that failed; their silence is not a clean bill. */
  threatIntelErrors?: string[];
}

/** GuardDuty's Tor finding types: the other side is a Tor node whatever our feeds say. */
const TOR_FINDING_TYPE = /\bTor(IPCaller|Client|Relay)\b/;

/**
 * `ip-intel`: who is on the other side of the finding (observables.remote.ip). ASN, organisation and
 * country come from the finding when GuardDuty gave them, else from the IP range dataset; the hosting flag
 * from the curated ASN list; Tor and other categories from the threat-intel providers.
 */
@Injectable()
export class IpIntelEnricher implements Enricher<IpIntel> {
  readonly name = 'ip-intel';
  readonly inputs = [] as const;
  readonly outputs = [
    'ip',
    'version',
    'scope',
    'asn',
    'asnOrg',
    'countryCode',
    'country',
    'hosting',
    'hostingProvider',
    'tor',
    'threatIntel',
    'threatCategories',
  ] as const;
  readonly timeoutMs = 2_000;

  constructor(
    @Optional()
    @Inject(IP_RANGE_DATASET)
    private readonly dataset: IpRangeDataset = new EmptyIpRangeDataset(),
    @Optional()
    @Inject(THREAT_INTEL_PROVIDERS)
    private readonly providers: readonly ThreatIntelProvider[] = [],
  ) {}

  async enrich({ finding }: EnrichmentContext): Promise<IpIntel | null> {
    const remote = finding.observables.remote;
    if (!remote?.ip) return null;
    const address = parseIp(remote.ip);
    const scope = address ? ipScope(address) : 'unparseable';
    // Real range data holds no special-purpose blocks; asking anyway keeps test datasets on documentation IPs.
    const fromDataset = address ? this.dataset.lookup(remote.ip) : undefined;

    const intel: IpIntel = {
      ip: remote.ip,
      version: address?.family,
      scope,
      hosting: false,
      tor: false,
      threatIntel: [],
      threatCategories: [],
    };
    if (remote.asn !== undefined) {
      Object.assign(intel, { asn: remote.asn, asnOrg: remote.asnOrg ?? remote.org, asnSource: 'finding' });
    } else if (fromDataset?.asn !== undefined) {
      Object.assign(intel, { asn: fromDataset.asn, asnOrg: fromDataset.asnOrg, asnSource: 'dataset' });
    }
    const countryCode = remote.countryCode?.toUpperCase();
    if (countryCode || remote.country) {
      Object.assign(intel, { countryCode, country: remote.country, countrySource: 'finding' });
    } else if (fromDataset?.countryCode) {
      Object.assign(intel, { countryCode: fromDataset.countryCode, countrySource: 'dataset' });
    }
    intel.hostingProvider = hostingProvider(intel.asn);
    intel.hosting = intel.hostingProvider !== undefined;

    const domain = finding.observables.domain;
    const failures: string[] = [];
    const answers = await Promise.all(
      this.providers.map(async (provider) => {
        try {
          const [byIp, byDomain] = await Promise.all([
            provider.lookupIp(remote.ip),
            domain ? provider.lookupDomain(domain) : Promise.resolve([]),
          ]);
          return [...byIp, ...byDomain];
        } catch (error) {
          failures.push(`${provider.name}: ${error instanceof Error ? error.message : String(error)}`);
          return [];
        }
      }),
    );
    intel.threatIntel = answers.flat();
    intel.threatCategories = [...new Set(intel.threatIntel.map((m) => m.category))].sort();
    intel.tor =
      intel.threatCategories.includes(TOR_EXIT_CATEGORY) || TOR_FINDING_TYPE.test(finding.findingType);
    if (failures.length > 0) intel.threatIntelErrors = failures;
    return stripUndefined(intel);
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
