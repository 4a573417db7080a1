import type { EntityManager } from 'typeorm';
import type { CompiledPattern } from './compiled-pattern.js';
import type { MatchOutcome, MatchQuery, PatternMatch } from './match-result.js';
import { type ScopeView, judgeFinding } from './pattern-judge.js';
import type { GlobalPatternSet, TenantPatternSet } from './pattern-set-cache.js';

/** Matching for one batch of one tenant's findings: sets compiled once per change, hits written once. */
export interface BatchMatcher {
  /** What the knowledge says about the finding: a match, vetoed matches with their reasons, or none. */
  judge(query: MatchQuery): MatchOutcome;
  /** The pattern that suppresses the finding, or null (also when every match is vetoed: see `judge`). */
  match(query: MatchQuery): PatternMatch | null;
  /** Adds the batch's hits to the patterns' counters, in the caller's transaction. */
  commitHits(): Promise<void>;
}

/** A batch with nothing to judge: no version check, no load. */
export const EMPTY_BATCH: BatchMatcher = {
  judge: () => ({ kind: 'NONE' }),
  match: () => null,
  commitHits: () => Promise.resolve(),
};

export class PatternBatch implements BatchMatcher {
  private readonly tenantHits = new Map<CompiledPattern, number>();
  private readonly globalHits = new Map<CompiledPattern, number>();
  private readonly scopes: ScopeView[];
  private readonly nowMs: number;

  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
    private readonly tenant: TenantPatternSet,
    global: GlobalPatternSet | null,
    private readonly now: Date,
  ) {
    this.nowMs = now.getTime();
    this.scopes = [
      { index: tenant.index, earlierHits: (p) => p.hits + (this.tenantHits.get(p) ?? 0) },
      ...(global
        ? [
            {
              index: global.index,
              earlierHits: (p: CompiledPattern) =>
                (tenant.globalHits.get(p.record.id) ?? 0) + (this.globalHits.get(p) ?? 0),
            },
          ]
        : []),
    ];
  }

  judge(query: MatchQuery): MatchOutcome {
    const { outcome, winner } = judgeFinding(this.scopes, query, this.nowMs);
    if (winner) {
      const hits = winner.record.scope === 'TENANT' ? this.tenantHits : this.globalHits;
      hits.set(winner, (hits.get(winner) ?? 0) + 1);
    }
    return outcome;
  }

  match(query: MatchQuery): PatternMatch | null {
    const outcome = this.judge(query);
    return outcome.kind === 'MATCH' ? outcome.match : null;
  }

  async commitHits(): Promise<void> {
    if (this.tenantHits.size) {
      const hits = [...this.tenantHits];
      const rows = (await this.manager.query(
        `UPDATE known_good_patterns p SET hits = p.hits + v.n, last_hit_at = GREATEST(p.last_hit_at, $2)
         FROM unnest($3::uuid[], $4::int[]) AS v(id, n)
         WHERE p.tenant_id = $1 AND p.id = v.id
         RETURNING p.id, p.hits`,
        [this.tenantId, this.now, hits.map(([p]) => p.record.id), hits.map(([, n]) => n)],
      )) as [{ id: string; hits: string }[], number];
      const total = new Map(rows[0].map((r) => [r.id, Number(r.hits)]));
      for (const [p] of hits) p.hits = total.get(p.record.id) ?? p.hits;
      this.tenantHits.clear();
    }
    if (this.globalHits.size) {
      const hits = [...this.globalHits];
      // A global pattern deleted since the set was loaded is skipped rather than failing the batch.
      const rows = (await this.manager.query(
        `INSERT INTO global_pattern_hits AS h (tenant_id, pattern_id, hits, last_hit_at)
         SELECT $1, v.id, v.n, $2 FROM unnest($3::uuid[], $4::int[]) AS v(id, n)
         WHERE EXISTS (SELECT 1 FROM global_known_good_patterns g WHERE g.id = v.id)
         ON CONFLICT (tenant_id, pattern_id) DO UPDATE
           SET hits = h.hits + EXCLUDED.hits, last_hit_at = GREATEST(h.last_hit_at, EXCLUDED.last_hit_at)
         RETURNING pattern_id, hits`,
        [this.tenantId, this.now, hits.map(([p]) => p.record.id), hits.map(([, n]) => n)],
      )) as { pattern_id: string; hits: string }[];
      for (const r of rows) this.tenant.globalHits.set(r.pattern_id, Number(r.hits));
      this.globalHits.clear();
    }
  }
}
