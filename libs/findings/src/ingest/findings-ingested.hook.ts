import type { StoredFinding } from '../store/findings-store.js';

/**
 * Told after findings were committed (push or pull), e.g. to wake their triage. Provided by whoever
 * composes the pipeline (the triage library); ingestion works without one, since pending findings are
 * found in PostgreSQL anyway.
 */
export abstract class FindingsIngestedHook {
  abstract afterIngest(tenantId: string, stored: readonly StoredFinding[]): Promise<void>;
}
