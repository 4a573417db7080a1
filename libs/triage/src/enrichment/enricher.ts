import type { TriageFinding } from '../triage-finding.js';

/** What an enricher gets: the finding, its tenant, and the outputs of the enrichers it declared as inputs. */
export interface EnrichmentContext {
  readonly tenantId: string;
  readonly finding: TriageFinding;
  /** Outputs of earlier enrichers by enricher name; only successful ones (a failed input skips the enricher). */
  readonly results: Readonly<Record<string, unknown>>;
}

/**
 * One investigation technique as code. To add one: write a class implementing this interface (an
 * `@Injectable()` if it needs providers) and list it in `TriageEnrichmentModule.forRoot({ enrichers })`.
 * The runner orders enrichers by `inputs`, runs independent ones concurrently and enforces `timeoutMs`.
 */
export interface Enricher<Out = unknown> {
  /** Unique; the key of its output in the finding's `enrichment` column. */
  readonly name: string;
  /** Names of the enrichers whose output it reads from `ctx.results`. */
  readonly inputs: readonly string[];
  /** The keys of its output object (documentation, and what the fingerprint may read). */
  readonly outputs: readonly string[];
  readonly timeoutMs: number;
  /** `null` when the enricher does not apply to this finding (no remote IP, no principal…). */
  enrich(ctx: EnrichmentContext): Promise<Out | null>;
}

/** A failed, timed-out or skipped enricher; the others still ran. */
export interface EnrichmentError {
  enricher: string;
  message: string;
  kind: 'failed' | 'timeout' | 'skipped';
}

export interface EnrichmentResult {
  /** Output by enricher name; an enricher that answered `null` is present with `null`. */
  enrichment: Record<string, unknown>;
  errors: EnrichmentError[];
}

/** DI token of the list of enrichers the runner runs (`TriageEnrichmentModule.forRoot` provides it). */
export const ENRICHERS = Symbol('ENRICHERS');
