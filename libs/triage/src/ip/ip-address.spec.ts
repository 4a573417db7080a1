import { cidrContains, formatIp, ipScope, parseCidr, parseIp } from './ip-address.js';

describe('IP parsing and classification', () => {
  it('parses IPv4, IPv6 (compressed, embedded IPv4, zone) and maps ::ffff:a.b.c.d to IPv4', () => {
    expect(parseIp('203.0.113.77')).toEqual({ family: 4, value: 0xcb00714dn });
    expect(parseIp('2001:db8::1')).toEqual({ family: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('::ffff:10.1.2.3')).toEqual(parseIp('10.1.2.3'));
    expect(parseIp('64:ff9b::192.0.2.33')?.value).toBe((0x64ff9bn << 96n) | 0xc0000221n);
    expect(formatIp(parseIp('fe80::1%eth0')!)).toBe('fe80::1');
    expect(formatIp(parseIp('2001:0db8:0000:0000:0001:0000:0000:0001')!)).toBe('2001:db8::1:0:0:1');
    for (const bad of ['256.1.1.1', '01.2.3.4', '1.2.3', '1::2::3', 'example.com', '', '1:2:3:4:5:6:7:8:9']) {
      expect(parseIp(bad)).toBeUndefined();
    }
  });

  it('parses CIDR blocks to inclusive ranges and tests membership', () => {
    const block = parseCidr('100.64.0.0/10')!;
    expect(formatIp({ family: 4, value: block.end })).toBe('100.127.255.255');
    expect(cidrContains(block, parseIp('100.100.1.1')!)).toBe(true);
    expect(cidrContains(block, parseIp('100.128.0.0')!)).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::/32')!, parseIp('2001:db8:ffff::1')!)).toBe(true);
    expect(parseCidr('10.0.0.1')).toEqual({ family: 4, start: 0x0a000001n, end: 0x0a000001n });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
  });

  it.each([
    ['10.12.0.5', 'private'],
    ['172.31.255.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['203.0.113.77', 'documentation'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
    ['fd12:3456::1', 'private'],
    ['::1', 'loopback'],
    ['fe80::abcd', 'link-local'],
    ['2001:db8::5', 'documentation'],
    ['2a05:d018::1', 'public'],
    ['::ffff:192.168.0.1', 'private'],
  ])('%s is %s', (ip, scope) => {
    expect(ipScope(parseIp(ip)!)).toBe(scope);
  });
});
