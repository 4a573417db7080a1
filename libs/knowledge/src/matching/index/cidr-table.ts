import { type IpAddress, type IpNetwork, networkKey } from '../../patterns/ip-network.js';
import type { CompiledPattern } from '../compiled-pattern.js';
import { type Bucket, type Slot, fileUnder } from './bucket.js';
import { FILTER_FROM_KEYS, KeyFilter, hashKey } from './key-filter.js';

interface Level {
  bits: number;
  table: Map<string | number, Slot>;
  filter: KeyFilter | null;
}

/**
 * CIDR predicates of one feature: per address family, one hash table per prefix length (hash-based
 * longest-prefix matching). An address is masked to each length in use and looked up: at most 33 lookups
 * for IPv4 and 129 for IPv6, in practice the handful of lengths patterns use (/32, /24, /16…), whatever
 * the number of blocks. Large levels have a KeyFilter.
 */
export class CidrTable {
  private readonly tables: Record<4 | 6, Map<number, Map<string | number, Slot>>> = {
    4: new Map(),
    6: new Map(),
  };
  private levels: Record<4 | 6, Level[]> = { 4: [], 6: [] };

  add(network: IpNetwork, pattern: CompiledPattern, created: Bucket[]): void {
    const byBits = this.tables[network.family];
    let table = byBits.get(network.bits);
    if (!table) byBits.set(network.bits, (table = new Map()));
    fileUnder(table, network.key, pattern, created);
  }

  freeze(): void {
    const levels = (byBits: Map<number, Map<string | number, Slot>>): Level[] =>
      [...byBits]
        .sort(([a], [b]) => a - b)
        .map(([bits, table]) => {
          if (table.size < FILTER_FROM_KEYS) return { bits, table, filter: null };
          const filter = new KeyFilter(table.size);
          for (const key of table.keys()) filter.add(hashKey(key));
          return { bits, table, filter };
        });
    this.levels = { 4: levels(this.tables[4]), 6: levels(this.tables[6]) };
  }

  /** Calls `visit` with what every block holding `address` leads to. */
  lookup(address: IpAddress, visit: (slot: Slot) => void): void {
    for (const { bits, table, filter } of this.levels[address.family]) {
      const key = networkKey(address, bits);
      if (filter && !filter.mightHave(hashKey(key))) continue;
      const slot = table.get(key);
      if (slot) visit(slot);
    }
  }
}
