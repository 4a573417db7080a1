import type { CompiledPattern } from '../compiled-pattern.js';
import type { PatternNode } from './pattern-node.js';

/**
 * Several patterns filed under one index key, in precedence order. A key with a single pattern (most of
 * them: a role name, an instance id) holds the pattern itself, one pointer less to follow. A bucket that
 * grows past a few dozen patterns (a popular value: `resourceEnvironment = development`) gets a `node` of
 * its own that indexes its patterns again by their next most selective predicate, so no lookup ends in a
 * long residual scan.
 */
export class Bucket {
  node?: PatternNode;

  constructor(readonly patterns: CompiledPattern[]) {}
}

/** What an index key leads to. */
export type Slot = CompiledPattern | Bucket;

/**
 * Files `pattern` under `key`: the pattern alone, or a bucket once a second one arrives (recorded in
 * `created`). A pattern filed twice under one key (an in-set naming a value twice) is filed once.
 */
export function fileUnder<K>(map: Map<K, Slot>, key: K, pattern: CompiledPattern, created: Bucket[]): void {
  const slot = map.get(key);
  if (slot === undefined) {
    map.set(key, pattern);
  } else if (slot instanceof Bucket) {
    if (slot.patterns.at(-1) !== pattern) slot.patterns.push(pattern);
  } else if (slot !== pattern) {
    const bucket = new Bucket([slot, pattern]);
    created.push(bucket);
    map.set(key, bucket);
  }
}
