import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IpRangeTable,
  loadIpLocationDb,
  MergedIpRangeDataset,
  parseIpLocationCsv,
} from './ip-range-dataset.js';

/** A few rows in the format of @ip-location-db/asn and @ip-location-db/asn-country (`-num.csv` files). */
const ASN_V4 = [
  '16777216,16777471,13335,"Cloudflare, Inc."',
  '16793600,16809983,18144,"Enecom,Inc."',
  '3405803776,3405804031,14061,DigitalOcean LLC', // 203.0.113.0/24 stands in for a DigitalOcean block
  '3325256704,3325256959,64500,"Quote ""Test"" Net"', // 198.51.100.0/24
].join('\n');
const ASN_V6 =
  '55857757949932600689894832286742872064,55857758029160763204159169880286822399,16509,Amazon.com Inc.\n';
const COUNTRY_V4 = ['16777216,16777471,AU', '3405803776,3405804031,NL'].join('\n');
const COUNTRY_V6 = '55857757949932600689894832286742872064,55857758029160763204159169880286822399,IE\n';

describe('IpRangeTable', () => {
  const table = new IpRangeTable(
    'test',
    parseIpLocationCsv(
      [
        '1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."',
        '8.8.8.0,8.8.8.255,15169,Google LLC',
        '2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC',
      ].join('\n'),
      'asn',
    ),
  );

  it('finds the range an address falls in, inclusive at both ends, for IPv4 and IPv6', () => {
    expect(table.size).toBe(3);
    expect(table.lookup('1.0.0.0')).toEqual({ asn: 13335, asnOrg: 'Cloudflare, Inc.' });
    expect(table.lookup('1.0.0.255')).toEqual({ asn: 13335, asnOrg: 'Cloudflare, Inc.' });
    expect(table.lookup('8.8.4.4')).toBeUndefined();
    expect(table.lookup('8.8.8.8')?.asn).toBe(15169);
    expect(table.lookup('2001:4860:4860::8888')?.asnOrg).toBe('Google LLC');
    expect(table.lookup('2001:4861::1')).toBeUndefined();
    expect(table.lookup('0.255.255.255')).toBeUndefined();
    expect(table.lookup('not an ip')).toBeUndefined();
  });

  it('sorts ranges given out of order, and answers a copy that the caller may change', () => {
    const shuffled = new IpRangeTable('shuffled', [
      { start: '8.8.8.0', end: '8.8.8.255', asn: 15169, asnOrg: 'Google LLC' },
      {
        start: '2001:4860::',
        end: '2001:4860:ffff:ffff:ffff:ffff:ffff:ffff',
        asn: 15169,
        asnOrg: 'Google LLC',
      },
      { start: '1.0.0.0', end: '1.0.0.255', asn: 13335, asnOrg: 'Cloudflare, Inc.' },
      {
        start: '2001:200::',
        end: '2001:200:ffff:ffff:ffff:ffff:ffff:ffff',
        asn: 2500,
        asnOrg: 'WIDE Project',
      },
      { start: '4.0.0.0', end: '4.255.255.255', asn: 3356, asnOrg: 'Level 3' },
    ]);
    expect(shuffled.lookup('1.0.0.7')?.asn).toBe(13335);
    expect(shuffled.lookup('4.2.2.2')?.asn).toBe(3356);
    expect(shuffled.lookup('8.8.8.8')?.asn).toBe(15169);
    expect(shuffled.lookup('2001:200::1')?.asn).toBe(2500);
    expect(shuffled.lookup('2001:4860::1')?.asn).toBe(15169);
    expect(shuffled.lookup('255.255.255.255')).toBeUndefined();

    const answer = shuffled.lookup('8.8.8.8')!;
    answer.asn = 1;
    expect(shuffled.lookup('2001:4860::1')).toEqual({ asn: 15169, asnOrg: 'Google LLC' });
  });

  it('refuses a malformed range', () => {
    expect(() => new IpRangeTable('bad', [{ start: '10.0.0.9', end: '10.0.0.1' }])).toThrow('bad range');
  });

  it('merges ASN and country datasets field by field', () => {
    const countries = new IpRangeTable('cc', [{ start: '8.8.8.0', end: '8.8.8.255', countryCode: 'US' }]);
    expect(new MergedIpRangeDataset([table, countries]).lookup('8.8.8.8')).toEqual({
      asn: 15169,
      asnOrg: 'Google LLC',
      countryCode: 'US',
    });
  });
});

describe('loadIpLocationDb', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sieve-ipdb-'));
    await Promise.all([
      writeFile(join(dir, 'asn-ipv4-num.csv'), ASN_V4),
      writeFile(join(dir, 'asn-ipv6-num.csv'), ASN_V6),
      writeFile(join(dir, 'asn-country-ipv4-num.csv'), COUNTRY_V4),
      writeFile(join(dir, 'asn-country-ipv6-num.csv'), COUNTRY_V6),
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads the packages’ numeric CSV files (quoted organisations included) into one dataset', async () => {
    const dataset = await loadIpLocationDb({ asnDir: dir, countryDir: dir });
    expect(dataset.name).toBe('asn+asn-country');
    expect(dataset.lookup('1.0.0.1')).toEqual({ asn: 13335, asnOrg: 'Cloudflare, Inc.', countryCode: 'AU' });
    expect(dataset.lookup('203.0.113.77')).toEqual({
      asn: 14061,
      asnOrg: 'DigitalOcean LLC',
      countryCode: 'NL',
    });
    expect(dataset.lookup('198.51.100.1')).toEqual({ asn: 64500, asnOrg: 'Quote "Test" Net' });
    expect(dataset.lookup('2a05:d018::10')).toEqual({
      asn: 16509,
      asnOrg: 'Amazon.com Inc.',
      countryCode: 'IE',
    });
    expect(dataset.lookup('9.9.9.9')).toBeUndefined();
  });

  it('loads the ASN package alone', async () => {
    const dataset = await loadIpLocationDb({ asnDir: dir });
    expect(dataset.lookup('1.0.0.1')).toEqual({ asn: 13335, asnOrg: 'Cloudflare, Inc.' });
  });
});
