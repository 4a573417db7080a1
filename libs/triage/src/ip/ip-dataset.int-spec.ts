import { IpIntelEnricher } from '../enrichers/ip-intel.enricher.js';
import { apiCallAsff, TENANT_ID, triageOf } from '../testing/fixtures.js';
import { ipDatasetChoice, loadIpDataset } from './ip-dataset.provider.js';
import type { IpRangeDataset } from './ip-range-dataset.js';

/** The real @ip-location-db packages as the worker loads them (IP_DATASET=ip-location-db). */
describe('the offline IP dataset from @ip-location-db', () => {
  let dataset: IpRangeDataset;

  beforeAll(async () => {
    dataset = await loadIpDataset({ IP_DATASET: 'ip-location-db', NODE_ENV: 'test' });
  }, 60_000);

  it('knows well-known resolvers by ASN, organisation and country, over IPv4 and IPv6', () => {
    expect(dataset.name).toBe('asn+asn-country');
    expect(dataset.lookup('8.8.8.8')).toEqual({
      asn: 15169,
      asnOrg: expect.stringMatching(/google/i),
      countryCode: 'US',
    });
    expect(dataset.lookup('1.1.1.1')).toMatchObject({
      asn: 13335,
      asnOrg: expect.stringMatching(/cloudflare/i),
    });
    expect(dataset.lookup('2001:4860:4860::8888')).toMatchObject({ asn: 15169, countryCode: 'US' });
    expect(dataset.lookup('2606:4700:4700::1111')).toMatchObject({ asn: 13335 });
  });

  it('has nothing for private, loopback and unparseable addresses', () => {
    for (const ip of ['10.0.0.1', '192.168.1.1', '172.16.5.4', '127.0.0.1', '::1', 'fd00::1', 'nope']) {
      expect(dataset.lookup(ip)).toBeUndefined();
    }
  });

  it('lets the ip-intel enricher classify a caller GuardDuty gave no ASN for', async () => {
    const enricher = new IpIntelEnricher(dataset, []);
    const fromGoogle = apiCallAsff({
      id: 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0',
      guardDutyType: 'Discovery:IAMUser/AnomalousBehavior',
      asffType: 'TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior',
      api: 'ListBuckets',
      service: 's3.amazonaws.com',
      remote: { ip: '8.8.8.8' },
      principal: { type: 'IAMUser', name: 'alice', accessKeyId: 'AKIAQ3EGWZJ5ALICE001' },
    });
    const intel = await enricher.enrich({ tenantId: TENANT_ID, finding: triageOf(fromGoogle), results: {} });
    expect(intel).toMatchObject({
      asn: 15169,
      asnSource: 'dataset',
      countryCode: 'US',
      countrySource: 'dataset',
      hosting: true,
      hostingProvider: 'Google',
    });
  });

  it('is not loaded under NODE_ENV=test unless IP_DATASET asks for it', async () => {
    expect(ipDatasetChoice({ NODE_ENV: 'test' })).toBe('none');
    expect(ipDatasetChoice({ NODE_ENV: 'production' })).toBe('ip-location-db');
    expect(ipDatasetChoice({ NODE_ENV: 'development', IP_DATASET: 'none' })).toBe('none');
    expect((await loadIpDataset({ NODE_ENV: 'test' })).lookup('8.8.8.8')).toBeUndefined();
  });
});
