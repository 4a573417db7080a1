import type { Fingerprint } from '../../patterns/predicate.js';
import { type Check, CheckKind, type CompiledPattern, parseIpCached } from '../compiled-pattern.js';
import { AnchorPlanner } from './anchor.js';
import { Bucket, type Slot, fileUnder } from './bucket.js';
import { CidrTable } from './cidr-table.js';
import { IntervalTable } from './interval-table.js';
import { FILTER_FROM_KEYS, KeyFilter, hashKey } from './key-filter.js';
import { PrefixTable } from './prefix-table.js';

type Scalar = string | number | boolean;

/** What a lookup does with what it finds: a slot (a pattern, or a bucket to scan or descend into). */
export interface NodeVisitor {
  slot(slot: Slot): void;
  pattern(pattern: CompiledPattern): void;
  /** Patterns ranked at or after this cannot win any more (see PatternIndex.best). */
  bound(): number;
}

/** A bucket with more patterns than this is indexed again, by its patterns' next predicate. */
export const BUCKET_LIMIT = 24;
/** How deep buckets are re-indexed (each level uses up one predicate of every pattern in it). */
export const MAX_DEPTH = 4;

/**
 * Patterns filed by anchor (see AnchorPlanner): hash slots per (feature, value) for equals / in / ASN,
 * prefix tables, CIDR tables and interval trees per feature, presence slots. The patterns of a finding
 * type form the root node; a large bucket holds a node of its own over its patterns' remaining predicates,
 * so the index is a shallow decision tree. Patterns with nothing left to anchor on (only absences) sit in
 * an `unanchored` bucket checked whenever the node is reached.
 */
export class PatternNode {
  private readonly hashTables = new Map<string, Map<Scalar, Slot>>();
  private readonly prefixTables = new Map<string, PrefixTable>();
  private readonly cidrTables = new Map<string, CidrTable>();
  private readonly rangeTables = new Map<string, IntervalTable>();
  private readonly presentSlots = new Map<string, Slot>();
  private readonly unanchored = new Bucket([]);
  // Arrays of the maps above, walked on every lookup (cheaper than Map iterators).
  private hash: [string, Map<Scalar, Slot>, KeyFilter | null][] = [];
  private prefix: [string, PrefixTable][] = [];
  private cidr: [string, CidrTable][] = [];
  private range: [string, IntervalTable][] = [];
  private present: [string, Slot][] = [];

  /**
   * `patterns` in precedence order (every bucket then lists its patterns in that order too);
   * `anchored[i]`: the checks of pattern i anchoring it in enclosing nodes (null at the root).
   */
  static build(patterns: readonly CompiledPattern[], anchored: Int32Array | null, depth = 0): PatternNode {
    const node = new PatternNode();
    const planner = new AnchorPlanner(patterns, anchored);
    const buckets: Bucket[] = [];
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i];
      const used = anchored ? anchored[i] : 0;
      const c = planner.anchorOf(pattern, used);
      if (c < 0) {
        node.unanchored.patterns.push(pattern);
        continue;
      }
      pattern.anchored = used | (1 << c);
      node.file(pattern, pattern.checks[c], buckets);
    }
    if (depth + 1 < MAX_DEPTH) {
      // Every large bucket's members with what anchors them so far, read before any child overwrites it.
      const large = buckets
        .filter((b) => b.patterns.length > BUCKET_LIMIT)
        .map((b) => ({ bucket: b, anchored: Int32Array.from(b.patterns, (p) => p.anchored) }));
      for (const { bucket, anchored: members } of large) {
        const child = PatternNode.build(bucket.patterns, members, depth + 1);
        // Worth keeping only if it spreads the bucket out.
        if (child.unanchored.patterns.length < bucket.patterns.length) bucket.node = child;
      }
    }
    node.freeze();
    return node;
  }

  private file(pattern: CompiledPattern, check: Check, created: Bucket[]): void {
    const f = check.feature;
    switch (check.kind) {
      case CheckKind.Equals:
      case CheckKind.In: {
        let table = this.hashTables.get(f);
        if (!table) this.hashTables.set(f, (table = new Map()));
        if (check.kind === CheckKind.Equals) fileUnder(table, check.value, pattern, created);
        else for (const key of check.values) fileUnder(table, key, pattern, created);
        return;
      }
      case CheckKind.Prefix: {
        let table = this.prefixTables.get(f);
        if (!table) this.prefixTables.set(f, (table = new PrefixTable()));
        table.add(check.value, pattern, created);
        return;
      }
      case CheckKind.Cidr: {
        let table = this.cidrTables.get(f);
        if (!table) this.cidrTables.set(f, (table = new CidrTable()));
        for (const network of check.networks) table.add(network, pattern, created);
        return;
      }
      case CheckKind.Range: {
        let table = this.rangeTables.get(f);
        if (!table) this.rangeTables.set(f, (table = new IntervalTable()));
        table.add(check.min, check.max, pattern);
        return;
      }
      case CheckKind.Present:
        fileUnder(this.presentSlots, f, pattern, created);
        return;
      default:
        throw new Error(`check kind ${check.kind} cannot anchor`);
    }
  }

  private freeze(): void {
    for (const table of this.rangeTables.values()) table.freeze();
    for (const table of this.prefixTables.values()) table.freeze();
    for (const table of this.cidrTables.values()) table.freeze();
    this.hash = [...this.hashTables].map(([feature, table]) => {
      if (table.size < FILTER_FROM_KEYS) return [feature, table, null];
      const filter = new KeyFilter(table.size);
      for (const key of table.keys()) filter.add(hashKey(key));
      return [feature, table, filter];
    });
    this.prefix = [...this.prefixTables];
    this.cidr = [...this.cidrTables];
    this.range = [...this.rangeTables];
    this.present = [...this.presentSlots];
  }

  /** Visits every slot and pattern whose anchor the fingerprint satisfies. */
  candidates(fp: Fingerprint, visitor: NodeVisitor): void {
    for (const [feature, table, filter] of this.hash) {
      const value = fp[feature];
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        for (const element of value) {
          if (filter && !filter.mightHave(hashKey(element))) continue;
          const slot = table.get(element);
          if (slot) visitor.slot(slot);
        }
      } else if (!filter || filter.mightHave(hashKey(value))) {
        const slot = table.get(value);
        if (slot) visitor.slot(slot);
      }
    }
    for (const [feature, table] of this.prefix) {
      const value = fp[feature];
      if (typeof value === 'string') table.lookup(value, visitor.slot);
      else if (Array.isArray(value)) for (const element of value) table.lookup(element, visitor.slot);
    }
    for (const [feature, table] of this.cidr) {
      const value = fp[feature];
      if (typeof value === 'string') {
        const address = parseIpCached(value);
        if (address) table.lookup(address, visitor.slot);
      } else if (Array.isArray(value)) {
        for (const text of value) {
          const address = parseIpCached(text);
          if (address) table.lookup(address, visitor.slot);
        }
      }
    }
    for (const [feature, table] of this.range) {
      const value = fp[feature];
      if (typeof value === 'number') table.lookup(value, visitor.pattern, visitor.bound);
    }
    for (const [feature, slot] of this.present) {
      if (fp[feature] !== undefined) visitor.slot(slot);
    }
    if (this.unanchored.patterns.length) visitor.slot(this.unanchored);
  }
}
