import { addressAllowed, classifyAddress } from './target-address.js';

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'internal'],
    ['172.16.0.1', 'internal'],
    ['172.31.255.255', 'internal'],
    ['192.168.1.1', 'internal'],
    ['169.254.169.254', 'internal'],
    ['100.64.0.1', 'internal'],
    ['0.0.0.0', 'internal'],
    ['224.0.0.1', 'internal'],
    ['255.255.255.255', 'internal'],
    ['fd00:ec2::254', 'internal'],
    ['fe80::1', 'internal'],
    ['::', 'internal'],
    ['::ffff:10.0.0.1', 'internal'],
    ['::ffff:8.8.8.8', 'internal'],
    ['64:ff9b::a00:1', 'internal'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('allows loopback only when insecure targets are allowed, and internal ranges never', () => {
    expect(addressAllowed('127.0.0.1', false)).toBe(false);
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('10.0.0.1', true)).toBe(false);
    expect(addressAllowed('93.184.216.34', false)).toBe(true);
  });

  it('refuses what is not an address', () => {
    expect(() => classifyAddress('example.com')).toThrow('not an IP address');
  });
});
