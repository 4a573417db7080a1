/** An error's message, for a hint or a log line. */
export function messageOf(err: unknown): string {
  // Duck-typed: errors from pg or child processes may come from another realm under Jest's VM.
  const e = err as { message?: string; code?: string; name?: string } | null | undefined;
  if (typeof e === 'object' && e !== null) return e.message || e.code || e.name || String(err);
  return String(err);
}
