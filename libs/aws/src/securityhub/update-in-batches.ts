import { setTimeout as sleep } from 'node:timers/promises';

export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

export interface UnprocessedFinding {
  id: string;
  productArn: string;
  /** Security Hub's code, e.g. `FindingNotFound`. */
  errorCode: string;
  errorMessage: string;
  /** True when a later attempt may succeed (it still failed after this call's own re-sends). */
  retryable: boolean;
}

export interface BatchUpdateResult {
  processed: FindingIdentifier[];
  unprocessed: UnprocessedFinding[];
}

/** What one BatchUpdateFindings request answered, in the SDK's shape. */
export interface BatchAnswer {
  ProcessedFindings?: { Id?: string; ProductArn?: string }[];
  UnprocessedFindings?: {
    FindingIdentifier?: { Id?: string; ProductArn?: string };
    ErrorCode?: string;
    ErrorMessage?: string;
  }[];
}

export interface BatchOptions {
  /** Security Hub accepts at most 100 identifiers per request. */
  batchSize: number;
  /** Requests per batch, the first included, while some findings fail with a retryable code. */
  maxAttempts: number;
  /** First backoff before re-sending; doubles (with jitter) each time. */
  backoffMs: number;
  sleep: (ms: number) => Promise<unknown>;
}

/**
 * Per-finding codes worth re-sending: the documented `ConcurrentUpdateError` and `InternalFailure`,
 * and the service-level throttling/internal names in case they are reported per finding. The others
 * (`FindingNotFound`, `FindingSizeExceeded`, `InvalidInput`, `DuplicatedFindingIdentifier`, any
 * unknown code) fail the same way every time.
 */
const RETRYABLE_CODES = new Set([
  'ConcurrentUpdateError',
  'InternalFailure',
  'InternalException',
  'ThrottlingException',
  'TooManyRequestsException',
  'LimitExceededException',
]);

export const DEFAULT_BATCH_OPTIONS: BatchOptions = { batchSize: 100, maxAttempts: 3, backoffMs: 250, sleep };

/**
 * Sends identifiers in batches of at most `batchSize`, one batch after the other, re-sending the
 * findings that failed with a retryable code. Duplicates are sent once (Security Hub would refuse
 * the second as `DuplicatedFindingIdentifier`).
 */
export async function updateInBatches(
  identifiers: FindingIdentifier[],
  send: (batch: FindingIdentifier[]) => Promise<BatchAnswer>,
  options: BatchOptions = DEFAULT_BATCH_OPTIONS,
): Promise<BatchUpdateResult> {
  const result: BatchUpdateResult = { processed: [], unprocessed: [] };
  const unique = dedupe(identifiers);
  for (let start = 0; start < unique.length; start += options.batchSize) {
    let pending = unique.slice(start, start + options.batchSize);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const answer = await send(pending);
      result.processed.push(...(answer.ProcessedFindings ?? []).map(identifierOf));
      const failed = (answer.UnprocessedFindings ?? []).map(unprocessedOf);
      const lastAttempt = attempt >= options.maxAttempts;
      result.unprocessed.push(...failed.filter((finding) => !finding.retryable || lastAttempt));
      pending = lastAttempt
        ? []
        : failed.filter((finding) => finding.retryable).map((f) => ({ Id: f.id, ProductArn: f.productArn }));
      if (pending.length > 0) await options.sleep(jittered(options.backoffMs * 2 ** (attempt - 1)));
    }
  }
  return result;
}

/** Between half and one and a half times `ms`, so writers that collided do not collide again. */
function jittered(ms: number): number {
  return ms * (0.5 + Math.random());
}

function dedupe(identifiers: FindingIdentifier[]): FindingIdentifier[] {
  const seen = new Map<string, FindingIdentifier>();
  for (const identifier of identifiers) seen.set(`${identifier.ProductArn}\n${identifier.Id}`, identifier);
  return [...seen.values()];
}

function identifierOf(finding: { Id?: string; ProductArn?: string }): FindingIdentifier {
  return { Id: finding.Id ?? '', ProductArn: finding.ProductArn ?? '' };
}

function unprocessedOf(finding: NonNullable<BatchAnswer['UnprocessedFindings']>[number]): UnprocessedFinding {
  const errorCode = finding.ErrorCode ?? 'Unknown';
  return {
    id: finding.FindingIdentifier?.Id ?? '',
    productArn: finding.FindingIdentifier?.ProductArn ?? '',
    errorCode,
    errorMessage: finding.ErrorMessage ?? '',
    retryable: RETRYABLE_CODES.has(errorCode),
  };
}
