export interface Fresh<V> {
  value: V;
  /** Epoch ms after which the value is loaded again. */
  freshUntil: number;
}

/**
 * A cache where concurrent misses for one key share a single load, and failed loads are not
 * remembered: every caller waiting on a failed load gets its error, the next caller tries again.
 */
export class SingleFlightCache<V> {
  private readonly entries = new Map<string, Fresh<V>>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(private readonly now: () => number) {}

  get(key: string, load: () => Promise<Fresh<V>>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.freshUntil) return Promise.resolve(entry.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const started = load()
      .then((fresh) => {
        this.sweep();
        this.entries.set(key, fresh);
        return fresh.value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, started);
    return started;
  }

  /**
   * Forgets the cached value; with `isStale`, only while the cache still holds a value it accepts,
   * so a caller holding old credentials cannot evict the fresh ones another caller just loaded.
   */
  delete(key: string, isStale: (value: V) => boolean = () => true): void {
    const entry = this.entries.get(key);
    if (entry && isStale(entry.value)) this.entries.delete(key);
  }

  /** Expired entries of keys nobody asks for any more (removed accounts) would otherwise stay forever. */
  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.freshUntil <= now) this.entries.delete(key);
  }
}
