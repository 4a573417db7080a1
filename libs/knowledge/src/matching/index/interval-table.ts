import type { CompiledPattern } from '../compiled-pattern.js';

/** Up to this many ranges, a scan of flat arrays in precedence order beats any tree. */
export const LINEAR_RANGES = 2_048;

/**
 * Numeric ranges of one feature, for the points that fall in them. Ranges are kept as flat arrays (bounds
 * and precedence rank side by side, no pattern object touched until one contains the point):
 * - up to LINEAR_RANGES, scanned in precedence order, stopping at the bound (the rank of the best pattern
 *   found so far: nothing after it can win);
 * - beyond, a static interval tree over the ranges sorted by lower bound, each subtree keeping its highest
 *   upper bound and its best rank, so a query visits O(log n + k) ranges and skips subtrees that cannot win.
 */
export class IntervalTable {
  private pending: { min: number; max: number; pattern: CompiledPattern }[] = [];
  private mins = new Float64Array(0);
  private maxs = new Float64Array(0);
  private ranks = new Int32Array(0);
  private patterns: CompiledPattern[] = [];
  /** Tree mode: highest upper bound and best rank in the subtree rooted at each position. */
  private subtreeMax = new Float64Array(0);
  private subtreeRank = new Int32Array(0);
  private tree = false;

  /** Ranges are added in precedence order (the order a node files its patterns in). */
  add(min: number, max: number, pattern: CompiledPattern): void {
    this.pending.push({ min, max, pattern });
  }

  freeze(): void {
    const ranges = this.pending;
    this.pending = [];
    this.tree = ranges.length > LINEAR_RANGES;
    if (this.tree) ranges.sort((a, b) => a.min - b.min);
    this.mins = Float64Array.from(ranges, (r) => r.min);
    this.maxs = Float64Array.from(ranges, (r) => r.max);
    this.ranks = Int32Array.from(ranges, (r) => r.pattern.rank);
    this.patterns = ranges.map((r) => r.pattern);
    if (this.tree) {
      this.subtreeMax = new Float64Array(ranges.length);
      this.subtreeRank = new Int32Array(ranges.length);
      this.build(0, ranges.length - 1);
    }
  }

  /** The implicit tree's root of [lo, hi] is its middle position. */
  private build(lo: number, hi: number): [number, number] {
    if (lo > hi) return [-Infinity, 2 ** 31 - 1];
    const mid = (lo + hi) >>> 1;
    const [leftMax, leftRank] = this.build(lo, mid - 1);
    const [rightMax, rightRank] = this.build(mid + 1, hi);
    this.subtreeMax[mid] = Math.max(this.maxs[mid], leftMax, rightMax);
    this.subtreeRank[mid] = Math.min(this.ranks[mid], leftRank, rightRank);
    return [this.subtreeMax[mid], this.subtreeRank[mid]];
  }

  /** Visits the patterns whose range holds `point` and that rank before `bound()` (read as it drops). */
  lookup(point: number, visit: (pattern: CompiledPattern) => void, bound: () => number): void {
    if (this.tree) {
      this.search(0, this.patterns.length - 1, point, visit, bound);
      return;
    }
    const { mins, maxs, ranks } = this;
    for (let i = 0; i < ranks.length; i++) {
      if (ranks[i] >= bound()) return;
      if (mins[i] <= point && point <= maxs[i]) visit(this.patterns[i]);
    }
  }

  private search(
    lo: number,
    hi: number,
    point: number,
    visit: (pattern: CompiledPattern) => void,
    bound: () => number,
  ): void {
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.subtreeMax[mid] < point || this.subtreeRank[mid] >= bound()) return;
      this.search(lo, mid - 1, point, visit, bound);
      // Everything right of mid starts at or after mins[mid]: nothing there if mid starts too late.
      if (this.mins[mid] > point) return;
      if (this.maxs[mid] >= point && this.ranks[mid] < bound()) visit(this.patterns[mid]);
      lo = mid + 1;
    }
  }
}
