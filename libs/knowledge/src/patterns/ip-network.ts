/**
 * IP addresses and CIDR blocks as 32-bit words, for CIDR predicates and their index. Numbers, not
 * bigints: the matcher masks an address once per distinct prefix length on every finding, and small
 * integers keep that in the tens of nanoseconds. IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 address it
 * carries, so a v4 block covers both spellings.
 */
export type IpAddress = { readonly family: 4; readonly word: number } | IpV6Address;

interface IpV6Address {
  readonly family: 6;
  /** Four 32-bit words, most significant first. */
  readonly words: readonly [number, number, number, number];
}

export interface IpNetwork {
  readonly family: 4 | 6;
  readonly bits: number;
  /** The block's address with its host bits cleared: the index key (see `networkKey`). */
  readonly key: string | number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4Word(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let word = 0;
  for (let i = 1; i <= 4; i++) {
    const part = match[i];
    // Leading zeros are octal to some parsers: refuse them rather than guess.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    word = word * 256 + octet;
  }
  return word;
}

function parseIpv6Groups(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = split(halves[0]);
  const tail = halves.length === 2 ? split(halves[1]) : [];
  const groups: number[] = [];
  const push = (list: string[], last: boolean): boolean => {
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      if (last && i === list.length - 1 && g.includes('.')) {
        // An embedded IPv4 address stands for the last two groups.
        const v4 = parseIpv4Word(g);
        if (v4 === undefined) return false;
        groups.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
        groups.push(parseInt(g, 16));
      }
    }
    return true;
  };
  if (halves.length === 1) {
    if (!push(head, true) || groups.length !== 8) return undefined;
    return groups;
  }
  if (!push(head, false)) return undefined;
  const headCount = groups.length;
  if (!push(tail, true)) return undefined;
  const missing = 8 - groups.length;
  if (missing < 1) return undefined;
  groups.splice(headCount, 0, ...new Array<number>(missing).fill(0));
  return groups;
}

export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4Word(text);
  if (v4 !== undefined) return { family: 4, word: v4 };
  const g = parseIpv6Groups(text);
  if (!g) return undefined;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return { family: 4, word: g[6] * 0x10000 + g[7] };
  }
  return {
    family: 6,
    words: [g[0] * 0x10000 + g[1], g[2] * 0x10000 + g[3], g[4] * 0x10000 + g[5], g[6] * 0x10000 + g[7]],
  };
}

/** The top `bits` bits of a 32-bit word (unsigned). */
function maskWord(word: number, bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return word;
  return (word & (0xffffffff << (32 - bits))) >>> 0;
}

/**
 * The key of the block of `bits` bits that holds `address`: a number for IPv4, a string for IPv6. Two
 * addresses share a key exactly when they are in the same block of that size.
 */
export function networkKey(address: IpAddress, bits: number): string | number {
  if (address.family === 4) return maskWord(address.word, bits);
  const w = address.words;
  return `${maskWord(w[0], bits)}:${maskWord(w[1], bits - 32)}:${maskWord(w[2], bits - 64)}:${maskWord(w[3], bits - 96)}`;
}

/** Parses `a.b.c.d/n` or `v6/n`; host bits are allowed and ignored (10.1.2.3/8 is 10.0.0.0/8). */
export function parseCidr(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(bitsText)) return undefined;
  let bits = Number(bitsText);
  const v6Text = text.slice(0, slash).includes(':');
  if (v6Text && address.family === 4) {
    // ::ffff:a.b.c.d/n: the mapped block, in IPv4 terms.
    if (bits < 96 || bits > 128) return undefined;
    bits -= 96;
  } else if (bits > (address.family === 4 ? 32 : 128)) {
    return undefined;
  }
  return { family: address.family, bits, key: networkKey(address, bits) };
}

export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  return network.family === address.family && networkKey(address, network.bits) === network.key;
}
