import { BlockList, isIP } from 'node:net';

/** What a webhook target's IP address is, for the SSRF rules. */
export type AddressClass = 'public' | 'loopback' | 'internal';

function blockList(v4: [string, number][], v6: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const LOOPBACK = blockList([['127.0.0.0', 8]], [['::1', 128]]);
/** IPv4-mapped IPv6 (::ffff:a.b.c.d). Checked for IPv6 only: BlockList matches IPv4 addresses against it too. */
const MAPPED = blockList([], [['::ffff:0:0', 96]]);

/**
 * Everything that is not the public internet (IANA special-purpose registries): a webhook must never
 * reach the platform's own network, the cloud metadata service (169.254.169.254, fd00:ec2::254) or a
 * customer's private range through us. IPv4-mapped and NAT64 IPv6 forms are refused outright.
 */
const INTERNAL = blockList(
  [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.88.99.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ],
  [
    ['::', 128],
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['100::', 64],
    ['2001::', 23],
    ['2001:db8::', 32],
    ['2002::', 16],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ],
);

export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) throw new Error(`${address} is not an IP address`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (INTERNAL.check(address, type) || (type === 'ipv6' && MAPPED.check(address, type))) return 'internal';
  if (LOOPBACK.check(address, type)) return 'loopback';
  return 'public';
}

/** Whether a webhook may connect to this address: public ones, and loopback when insecure targets are allowed. */
export function addressAllowed(address: string, allowInsecure: boolean): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'loopback' && allowInsecure);
}
