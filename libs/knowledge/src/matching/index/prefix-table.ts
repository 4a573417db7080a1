import type { CompiledPattern } from '../compiled-pattern.js';
import { type Bucket, type Slot, fileUnder } from './bucket.js';
import { FILTER_FROM_KEYS, FNV_OFFSET, FNV_PRIME, KeyFilter, hashString } from './key-filter.js';

interface Level {
  length: number;
  table: Map<string, Slot>;
  filter: KeyFilter | null;
}

/**
 * Prefix predicates of one feature: one hash table per prefix length. A value is looked up once per
 * distinct length not longer than itself (`domain` starts with `updates.` and `updates.vendor.`: two
 * lengths, two lookups), so the cost depends on how many lengths the patterns use, not on how many
 * patterns there are. A character trie would do the same work with a node per character, which at a
 * million patterns costs gigabytes. Large levels have a KeyFilter, tested with a hash computed along the
 * value as it is read, so a prefix no pattern names is not even cut out of the value.
 */
export class PrefixTable {
  private readonly byLength = new Map<number, Map<string, Slot>>();
  private levels: Level[] = [];

  add(prefix: string, pattern: CompiledPattern, created: Bucket[]): void {
    let table = this.byLength.get(prefix.length);
    if (!table) this.byLength.set(prefix.length, (table = new Map()));
    fileUnder(table, prefix, pattern, created);
  }

  freeze(): void {
    this.levels = [...this.byLength]
      .sort(([a], [b]) => a - b)
      .map(([length, table]) => {
        if (table.size < FILTER_FROM_KEYS) return { length, table, filter: null };
        const filter = new KeyFilter(table.size);
        for (const prefix of table.keys()) filter.add(hashString(prefix));
        return { length, table, filter };
      });
  }

  /** Calls `visit` with what every prefix of `value` in the table leads to. */
  lookup(value: string, visit: (slot: Slot) => void): void {
    let hash = FNV_OFFSET;
    let read = 0;
    for (const { length, table, filter } of this.levels) {
      if (length > value.length) return;
      if (filter) {
        for (; read < length; read++) hash = Math.imul(hash ^ value.charCodeAt(read), FNV_PRIME);
        if (!filter.mightHave(hash)) continue;
      }
      const slot = table.get(value.slice(0, length));
      if (slot) visit(slot);
    }
  }
}
