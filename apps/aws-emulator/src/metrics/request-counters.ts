export interface RequestRecord {
  /** Epoch milliseconds when the request arrived. */
  at: number;
  service: string;
  operation: string;
  /** Caller account; absent when authentication failed before the caller was known. */
  accountId?: string;
  region?: string;
  status: number;
  /** AWS error code answered, absent on success. */
  errorCode?: string;
}

export interface CounterSnapshot {
  total: number;
  byOperation: Record<string, number>;
  /** account id (or `unauthenticated`) → operation → count */
  byAccount: Record<string, Record<string, number>>;
  /** operation → `OK` or the error code answered → count */
  outcomes: Record<string, Record<string, number>>;
  /** operation → epoch second → count: what rate the client really sent at. */
  perSecond: Record<string, Record<string, number>>;
  /** operation → highest count seen in any one-second window. */
  peakPerSecond: Record<string, number>;
  /** The most recent requests, oldest first. */
  recent: RequestRecord[];
}

const RECENT_LIMIT = 10_000;
const SECONDS_KEPT = 3_600;

/** Counts what AWS clients really sent, so tests can assert on retries, rates and scoping. */
export class RequestCounters {
  private total = 0;
  private byOperation: Record<string, number> = {};
  private byAccount: Record<string, Record<string, number>> = {};
  private outcomes: Record<string, Record<string, number>> = {};
  private perSecond: Record<string, Map<number, number>> = {};
  private recent: RequestRecord[] = [];

  record(entry: RequestRecord): void {
    const { operation } = entry;
    this.total++;
    increment(this.byOperation, operation);
    increment((this.byAccount[entry.accountId ?? 'unauthenticated'] ??= {}), operation);
    increment((this.outcomes[operation] ??= {}), entry.errorCode ?? 'OK');
    const seconds = (this.perSecond[operation] ??= new Map());
    const second = Math.floor(entry.at / 1000);
    seconds.set(second, (seconds.get(second) ?? 0) + 1);
    if (seconds.size > SECONDS_KEPT) seconds.delete(seconds.keys().next().value as number);
    this.recent.push(entry);
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
  }

  snapshot(): CounterSnapshot {
    const perSecond: Record<string, Record<string, number>> = {};
    const peakPerSecond: Record<string, number> = {};
    for (const [operation, seconds] of Object.entries(this.perSecond)) {
      perSecond[operation] = Object.fromEntries(
        [...seconds].map(([second, count]) => [String(second), count]),
      );
      peakPerSecond[operation] = Math.max(...seconds.values());
    }
    return structuredClone({
      total: this.total,
      byOperation: this.byOperation,
      byAccount: this.byAccount,
      outcomes: this.outcomes,
      perSecond,
      peakPerSecond,
      recent: this.recent,
    });
  }

  reset(): void {
    this.total = 0;
    this.byOperation = {};
    this.byAccount = {};
    this.outcomes = {};
    this.perSecond = {};
    this.recent = [];
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
