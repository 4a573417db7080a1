import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForHttpOptions {
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 250 ms). */
  intervalMs?: number;
  /** Per-request limit, so one hung request cannot eat the whole budget (default 2 s). */
  requestTimeoutMs?: number;
  /** Stops waiting early, e.g. when the process we wait for has exited. */
  signal?: AbortSignal;
}

/**
 * Polls `url` with GET until it answers 200. Readiness endpoints answer 503 while a dependency is still
 * coming up and refuse connections before the server listens; both just mean "not yet".
 * Rejects with the last status or error seen when the time is up, or with the abort reason.
 */
export async function waitForHttpOk(url: string, opts: WaitForHttpOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const intervalMs = opts.intervalMs ?? 250;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 2_000;
  const deadline = Date.now() + timeoutMs;
  let last: string;

  for (;;) {
    opts.signal?.throwIfAborted();
    try {
      const signals = [AbortSignal.timeout(Math.min(requestTimeoutMs, Math.max(1, deadline - Date.now())))];
      if (opts.signal) signals.push(opts.signal);
      const response = await fetch(url, { signal: AbortSignal.any(signals) });
      await response.body?.cancel();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (err) {
      opts.signal?.throwIfAborted();
      last = describeFetchError(err);
    }
    if (Date.now() + intervalMs > deadline) {
      throw new Error(`${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
    }
    await sleep(intervalMs, undefined, opts.signal ? { signal: opts.signal } : undefined).catch(
      () => undefined,
    );
  }
}

function describeFetchError(err: unknown): string {
  // Duck-typed rather than `instanceof Error`: errors may come from another realm (e.g. under Jest's VM).
  const e = err as
    { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (typeof e !== 'object' || e === null) return String(err);
  // fetch wraps the interesting part (ECONNREFUSED, …) in `cause`.
  if (e.cause?.code) return e.cause.code;
  if (e.name === 'TimeoutError') return 'request timed out';
  return e.cause?.message ?? e.message ?? String(err);
}
