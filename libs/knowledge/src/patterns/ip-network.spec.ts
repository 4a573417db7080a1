import { networkContains, parseCidr, parseIp } from './ip-network.js';

describe('IP addresses and blocks', () => {
  it.each([
    ['203.0.113.7', { family: 4, word: 0xcb007107 }],
    ['0.0.0.0', { family: 4, word: 0 }],
    ['255.255.255.255', { family: 4, word: 0xffffffff }],
    ['::ffff:198.51.100.9', { family: 4, word: 0xc6336409 }],
    ['::ffff:c633:6409', { family: 4, word: 0xc6336409 }],
    ['2001:db8::1', { family: 6, words: [0x20010db8, 0, 0, 1] }],
    ['::', { family: 6, words: [0, 0, 0, 0] }],
    ['fe80::1:2:3:4', { family: 6, words: [0xfe800000, 0, 0x10002, 0x30004] }],
    ['64:ff9b::192.0.2.33', { family: 6, words: [0x64ff9b, 0, 0, 0xc0000221] }],
  ])('parses %s', (text, expected) => {
    expect(parseIp(text)).toEqual(expected);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.256',
    '01.2.3.4',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::',
    'g::1',
    'fe80::1%eth0',
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it.each(['10.0.0.0/33', '10.0.0.0', '2001:db8::/129', '::ffff:10.0.0.0/95', 'x/8', '10.0.0.0/-1'])(
    'refuses the block %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.1.2.3/8', '10.9.9.9', true], // host bits ignored
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '203.0.113.7', true],
    ['203.0.113.7/32', '203.0.113.7', true],
    ['203.0.113.7/32', '203.0.113.8', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/33', '2001:db8:8000::1', false],
    ['2001:db8:0:0:8000::/65', '2001:db8::8000:0:0:1', true],
    ['::/0', '2001:db8::1', true],
    ['::/0', '10.0.0.1', false],
    ['::ffff:10.0.0.0/104', '10.1.2.3', true],
  ])('%s holds %s: %s', (block, address, expected) => {
    expect(networkContains(parseCidr(block)!, parseIp(address)!)).toBe(expected);
  });
});
