import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedFileThreatIntel } from './threat-intel.js';

describe('FeedFileThreatIntel', () => {
  let dir: string;
  let intel: FeedFileThreatIntel;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sieve-feeds-'));
    await writeFile(
      join(dir, 'tor-exit.txt'),
      [
        '# Tor exit addresses, refreshed hourly',
        '',
        '192.0.2.200',
        '2001:db8:7:7::1  # relay "ExitNinja"',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'malicious-ips.txt'),
      [
        '198.51.100.0/24 # scanning botnet C2',
        '192.0.2.200',
        'evil.example.net',
        'not an indicator ###',
      ].join('\r\n'),
    );
    intel = await FeedFileThreatIntel.load([
      { path: join(dir, 'tor-exit.txt') },
      { path: join(dir, 'malicious-ips.txt') },
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('matches an address listed in several files, under each file’s category', async () => {
    expect(await intel.lookupIp('192.0.2.200')).toEqual([
      { source: 'feed-files', category: 'tor-exit', indicator: '192.0.2.200' },
      { source: 'feed-files', category: 'malicious-ips', indicator: '192.0.2.200' },
    ]);
  });

  it('matches CIDR blocks, IPv6 in any spelling, and keeps comments', async () => {
    expect(await intel.lookupIp('198.51.100.23')).toEqual([
      {
        source: 'feed-files',
        category: 'malicious-ips',
        indicator: '198.51.100.0/24',
        comment: 'scanning botnet C2',
      },
    ]);
    expect(await intel.lookupIp('2001:0db8:0007:0007:0000:0000:0000:0001')).toEqual([
      {
        source: 'feed-files',
        category: 'tor-exit',
        indicator: '2001:db8:7:7::1',
        comment: 'relay "ExitNinja"',
      },
    ]);
    expect(await intel.lookupIp('192.0.2.201')).toEqual([]);
    expect(await intel.lookupIp('garbage')).toEqual([]);
  });

  it('matches a domain and its subdomains, not look-alikes', async () => {
    expect((await intel.lookupDomain('EVIL.example.net.')).map((m) => m.indicator)).toEqual([
      'evil.example.net',
    ]);
    expect((await intel.lookupDomain('c2.evil.example.net')).map((m) => m.category)).toEqual([
      'malicious-ips',
    ]);
    expect(await intel.lookupDomain('notevil.example.net')).toEqual([]);
    expect(await intel.lookupDomain('example.net')).toEqual([]);
  });

  it('takes feeds from text with an explicit category', async () => {
    const fromText = FeedFileThreatIntel.fromText(
      [{ category: 'scanner', text: '203.0.113.0/25' }],
      'scanners',
    );
    expect(await fromText.lookupIp('203.0.113.5')).toEqual([
      { source: 'scanners', category: 'scanner', indicator: '203.0.113.0/25' },
    ]);
    expect(await fromText.lookupIp('203.0.113.200')).toEqual([]);
  });
});
