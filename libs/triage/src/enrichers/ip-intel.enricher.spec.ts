import type { EnrichmentContext } from '../enrichment/enricher.js';
import { IpRangeTable } from '../ip/ip-range-dataset.js';
import {
  exfiltrationAsff,
  portProbeAsff,
  rootConsoleAsff,
  s3ControlAsff,
  TENANT_ID,
  torUserAsff,
  triageOf,
} from '../testing/fixtures.js';
import { FeedFileThreatIntel, type ThreatIntelProvider } from '../threat-intel/threat-intel.js';
import { IpIntelEnricher } from './ip-intel.enricher.js';

const dataset = new IpRangeTable('test', [
  { start: '198.51.100.0', end: '198.51.100.255', asn: 7922, asnOrg: 'COMCAST-7922', countryCode: 'US' },
  { start: '203.0.113.0', end: '203.0.113.255', asn: 64496, asnOrg: 'SHOULD-NOT-WIN', countryCode: 'FR' },
]);
const feeds = FeedFileThreatIntel.fromText([
  { category: 'tor-exit', text: '192.0.2.200' },
  { category: 'scanner', text: '198.51.100.0/24 # internet-wide scanners' },
]);
const ctx = (asff: Record<string, unknown>): EnrichmentContext => ({
  tenantId: TENANT_ID,
  finding: triageOf(asff),
  results: {},
});

describe('IpIntelEnricher', () => {
  const enricher = new IpIntelEnricher(dataset, [feeds]);

  it('prefers GuardDuty’s ASN and country, and flags a hosting ASN (DigitalOcean)', async () => {
    expect(await enricher.enrich(ctx(exfiltrationAsff))).toEqual({
      ip: '203.0.113.77',
      version: 4,
      scope: 'documentation',
      asn: 14061,
      asnOrg: 'DIGITALOCEAN-ASN',
      asnSource: 'finding',
      countryCode: 'NL',
      country: 'Netherlands',
      countrySource: 'finding',
      hosting: true,
      hostingProvider: 'DigitalOcean',
      tor: false,
      threatIntel: [],
      threatCategories: [],
    });
  });

  it('falls back on the range dataset when the finding has no ASN or country (residential, not hosting)', async () => {
    const intel = await enricher.enrich(ctx(rootConsoleAsff));
    expect(intel).toMatchObject({
      ip: '198.51.100.9',
      asn: 7922,
      asnOrg: 'COMCAST-7922',
      asnSource: 'dataset',
      countryCode: 'US',
      countrySource: 'dataset',
      hosting: false,
      threatCategories: ['scanner'],
    });
  });

  it('flags Tor from the threat-intel feed and from GuardDuty’s TorIPCaller type', async () => {
    const intel = await enricher.enrich(ctx(torUserAsff));
    expect(intel).toMatchObject({ tor: true, threatCategories: ['tor-exit'], hosting: false });
    const withoutFeeds = await new IpIntelEnricher(dataset, []).enrich(ctx(torUserAsff));
    expect(withoutFeeds).toMatchObject({ tor: true, threatCategories: [] });
  });

  it('classifies private and CGNAT addresses and answers null without a remote address', async () => {
    const internal = structuredClone(portProbeAsff) as {
      Action: { PortProbeAction: { PortProbeDetails: { RemoteIpDetails: { IpAddressV4: string } }[] } };
    };
    internal.Action.PortProbeAction.PortProbeDetails[0].RemoteIpDetails.IpAddressV4 = '100.72.3.4';
    expect(await enricher.enrich(ctx(internal as unknown as Record<string, unknown>))).toMatchObject({
      scope: 'cgnat',
      asn: 398324,
    });
    expect(await enricher.enrich(ctx(s3ControlAsff))).toBeNull();
  });

  it('reports a failing provider without failing the enrichment', async () => {
    const broken: ThreatIntelProvider = {
      name: 'broken',
      lookupIp: () => Promise.reject(new Error('feed unavailable')),
      lookupDomain: async () => [],
    };
    const intel = await new IpIntelEnricher(dataset, [broken, feeds]).enrich(ctx(torUserAsff));
    expect(intel).toMatchObject({ tor: true, threatIntelErrors: ['broken: feed unavailable'] });
  });

  it('works with no dataset and no providers (the defaults)', async () => {
    const intel = await new IpIntelEnricher().enrich(ctx(rootConsoleAsff));
    expect(intel).toEqual({
      ip: '198.51.100.9',
      version: 4,
      scope: 'documentation',
      hosting: false,
      tor: false,
      threatIntel: [],
      threatCategories: [],
    });
  });
});
