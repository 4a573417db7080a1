/**
 * A Bloom filter in front of a large hash table of the index. Most values a finding carries (its role
 * name, its instance id) are named by no pattern: a lookup in a table of 100,000 keys then costs a few
 * cache misses in a structure far bigger than the CPU caches, for nothing. The filter answers most of those
 * "no" from a bit array of 16 bits per key (kept in cache), with two bits per key (about 1.4 % false
 * positives, which only cost the table lookup they would have cost anyway). Never a false "no".
 */
export class KeyFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;

  constructor(keys: number) {
    let size = 1024;
    while (size < keys * 16) size *= 2;
    this.bits = new Int32Array(size >>> 5);
    this.mask = size - 1;
  }

  add(hash: number): void {
    const a = hash & this.mask;
    const b = second(hash) & this.mask;
    this.bits[a >>> 5] |= 1 << (a & 31);
    this.bits[b >>> 5] |= 1 << (b & 31);
  }

  mightHave(hash: number): boolean {
    const a = hash & this.mask;
    if ((this.bits[a >>> 5] & (1 << (a & 31))) === 0) return false;
    const b = second(hash) & this.mask;
    return (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
  }
}

/** Tables smaller than this stay in cache by themselves: no filter. */
export const FILTER_FROM_KEYS = 256;

function second(hash: number): number {
  return Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) ^ 0x9e3779b9;
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the string's UTF-16 units; incremental (see PrefixTable), so prefixes hash on the way. */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** A hash of any key a table holds; equal keys (SameValueZero) hash equal, as the filter requires. */
export function hashKey(key: string | number | boolean): number {
  if (typeof key === 'string') return hashString(key);
  if (typeof key === 'boolean') return key ? 0x2545f491 : 0x6b43a9b5;
  // Numbers: the integer part and the high word, so 8075 and 8075.5 may collide (a false positive), but
  // equal numbers always agree. -0 and 0 agree too (both | 0 to 0).
  return Math.imul((key | 0) ^ 0x27d4eb2d, 0x165667b1) ^ Math.imul((key / 4294967296) | 0, 0xd3a2646c);
}
