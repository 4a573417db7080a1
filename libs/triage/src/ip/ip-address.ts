/**
 * Small IP arithmetic, enough for range lookups and classification: an address is a family plus a bigint.
 * IPv4-mapped IPv6 (::ffff:a.b.c.d) is treated as the IPv4 address it carries.
 */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface Cidr {
  family: 4 | 6;
  /** First address of the block. */
  start: bigint;
  /** Last address of the block, inclusive. */
  end: bigint;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const V4_MAPPED_PREFIX = 0xffffn << 32n;

export function parseIp(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  const v4 = parseIpv4(trimmed);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(trimmed);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 - V4_MAPPED_PREFIX };
  return { family: 6, value: v6 };
}

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    // Leading zeros are ambiguous (octal in some parsers): refuse them rather than guess.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const address = text.replace(/%.*$/, ''); // zone index (fe80::1%eth0)
  if (!/^[0-9a-fA-F:.]+$/.test(address) || address.split('::').length > 2) return undefined;
  let groups: string[];
  const [head, tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 address at the end stands for the last two groups.
  const expand = (list: string[]): string[] | undefined => {
    const last = list.at(-1);
    if (last === undefined || !last.includes('.')) return list;
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    return [...list.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  const expandedHead = tail === undefined ? expand(headGroups) : headGroups;
  const expandedTail = expand(tailGroups);
  if (!expandedHead || !expandedTail) return undefined;
  if (tail === undefined) {
    groups = expandedHead;
  } else {
    const missing = 8 - expandedHead.length - expandedTail.length;
    if (missing < 1) return undefined;
    groups = [...expandedHead, ...Array<string>(missing).fill('0'), ...expandedTail];
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const [addressText, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const address = parseIp(addressText);
  if (!address) return undefined;
  // A mapped IPv6 CIDR (::ffff:0:0/104) keeps its IPv6 prefix length: convert it to the IPv4 one.
  const mapped = address.family === 4 && addressText.includes(':');
  const bits = address.family === 4 ? 32 : 128;
  let prefix = prefixText === undefined ? bits : Number(prefixText);
  if (mapped && prefixText !== undefined) prefix -= 96;
  if (!/^\d+$/.test(prefixText ?? '0') || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    return undefined;
  }
  const hostBits = BigInt(bits - prefix);
  const start = (address.value >> hostBits) << hostBits;
  return { family: address.family, start, end: start + (1n << hostBits) - 1n };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && ip.value >= cidr.start && ip.value <= cidr.end;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16),
  );
  // Compress the longest run of zero groups (RFC 5952).
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

/** Where an address belongs; anything not in a special-purpose block is `public`. */
export type IpScope =
  'public' | 'private' | 'cgnat' | 'loopback' | 'link-local' | 'documentation' | 'multicast' | 'reserved';

/**
 * Special-purpose blocks from the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * updates): RFC 1918 and ULA (RFC 4193) are `private`, RFC 6598 is `cgnat`, RFC 5737 / RFC 3849 are
 * `documentation`; the rest (this-network, benchmarking, future use, broadcast…) is `reserved`.
 */
const SPECIAL_BLOCKS: readonly (readonly [string, IpScope])[] = [
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['192.0.2.0/24', 'documentation'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['0.0.0.0/8', 'reserved'],
  ['192.0.0.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['198.18.0.0/15', 'reserved'],
  ['240.0.0.0/4', 'reserved'],
  ['fc00::/7', 'private'],
  ['::1/128', 'loopback'],
  ['fe80::/10', 'link-local'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['ff00::/8', 'multicast'],
  ['::/128', 'reserved'],
  ['64:ff9b:1::/48', 'reserved'],
  ['100::/64', 'reserved'],
  ['2001::/23', 'reserved'],
];

const SPECIAL: readonly [Cidr, IpScope][] = SPECIAL_BLOCKS.map(([text, scope]) => [parseCidr(text)!, scope]);

export function ipScope(ip: IpAddress): IpScope {
  return SPECIAL.find(([cidr]) => cidrContains(cidr, ip))?.[1] ?? 'public';
}
