import { type Check, CheckKind, type CompiledPattern } from '../compiled-pattern.js';

/**
 * How many patterns of the node mention each value, whatever the feature: one flat table is half the work
 * of one per feature, and two features sharing a value only make both look a little less selective.
 */
class ValueCounts {
  private readonly counts = new Map<unknown, number>();

  add(key: unknown): void {
    const n = this.counts.get(key);
    this.counts.set(key, n === undefined ? 1 : n + 1);
  }

  get(key: unknown): number {
    return this.counts.get(key) ?? 0;
  }
}

/** Checks past the 31st never anchor (patterns have at most 32 predicates; anchored sets are 31 bits). */
export function isAnchored(anchored: number, check: number): boolean {
  return check >= 31 || (anchored & (1 << check)) !== 0;
}

/**
 * Chooses the predicate each pattern of a node is filed under (its anchor): the one expected to pass the
 * fewest findings, from how often each value occurs among the node's patterns. An equals on a value
 * shared by 5,000 patterns (`resourceTagged = true`) loses to one only this pattern uses (`principalName =
 * deploy-prod`). Costs estimate the size of the bucket the pattern would join; ties go to the cheaper
 * lookup (hash, then CIDR, prefix, range, presence). A pattern is reached only through its anchor and then
 * checked in full, so the anchor only has to be necessary, never sufficient.
 */
export class AnchorPlanner {
  private readonly values = new ValueCounts();
  private readonly range = new Map<string, number>();
  private readonly present = new Map<string, number>();

  /** `anchored[i]` (bit j): check j of pattern i anchors it in an enclosing node already. */
  constructor(patterns: readonly CompiledPattern[], anchored: Int32Array | null) {
    for (let i = 0; i < patterns.length; i++) {
      const checks = patterns[i].checks;
      const used = anchored ? anchored[i] : 0;
      for (let c = 0; c < checks.length; c++) if (!isAnchored(used, c)) this.count(checks[c]);
    }
  }

  private count(check: Check): void {
    switch (check.kind) {
      case CheckKind.Equals:
        return this.values.add(check.value);
      case CheckKind.In:
        for (const v of check.values) this.values.add(v);
        return;
      case CheckKind.Prefix:
        return this.values.add(check.value);
      case CheckKind.Cidr:
        for (const n of check.networks) this.values.add(n.key);
        return;
      case CheckKind.Range:
        this.range.set(check.feature, (this.range.get(check.feature) ?? 0) + 1);
        return;
      case CheckKind.Present:
        this.present.set(check.feature, (this.present.get(check.feature) ?? 0) + 1);
        return;
      default:
        return;
    }
  }

  private cost(check: Check): number {
    switch (check.kind) {
      case CheckKind.Equals:
        return this.values.get(check.value);
      case CheckKind.In: {
        let sum = 0;
        for (const v of check.values) sum += this.values.get(v);
        return sum;
      }
      case CheckKind.Cidr: {
        let sum = 0.25;
        for (const n of check.networks) sum += this.values.get(n.key);
        return sum;
      }
      case CheckKind.Prefix:
        return this.values.get(check.value) + 0.5;
      case CheckKind.Range:
        return (this.range.get(check.feature) ?? 0) + 0.75;
      case CheckKind.Present:
        return (this.present.get(check.feature) ?? 0) + 1;
      default:
        // Absences (and tagAbsent) cannot be looked up.
        return Infinity;
    }
  }

  /** The position of the pattern's anchor among its checks not anchored yet, or -1 (only absences left). */
  anchorOf(pattern: CompiledPattern, anchored: number): number {
    let best = -1;
    let bestCost = Infinity;
    const checks = pattern.checks;
    for (let c = 0; c < checks.length; c++) {
      if (isAnchored(anchored, c)) continue;
      const cost = this.cost(checks[c]);
      if (cost < bestCost) {
        best = c;
        bestCost = cost;
      }
    }
    return best;
  }
}
