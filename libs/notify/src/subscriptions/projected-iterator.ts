/** Events buffered per subscriber before the oldest are dropped (a client that stopped reading). */
const MAX_BUFFER = 1_000;

/**
 * The event stream of one subscription: events are pushed in as they arrive, and each is turned into what
 * the subscriber gets (or skipped, when `project` answers null) only when the subscriber pulls it. An error
 * in `project` ends the subscription with that error. `onClose` runs once, however the stream ends.
 */
export class ProjectedIterator<T, R> implements AsyncIterableIterator<R> {
  private readonly buffer: T[] = [];
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly project: (event: T) => Promise<R | null>,
    private readonly onClose: () => void,
  ) {}

  push(event: T): void {
    if (this.closed) return;
    if (this.buffer.length >= MAX_BUFFER) this.buffer.shift();
    this.buffer.push(event);
    this.wakeUp();
  }

  async next(): Promise<IteratorResult<R>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const event = this.buffer.shift();
      if (event === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      let value: R | null;
      try {
        value = await this.project(event);
      } catch (error) {
        this.close();
        throw error;
      }
      if (value !== null) return { done: false, value };
    }
  }

  async return(): Promise<IteratorResult<R>> {
    this.close();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<R>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    this.onClose();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
