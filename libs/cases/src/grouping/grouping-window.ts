import { CONTROL_KEY } from './group-keys.js';

/**
 * The grouping window, on when findings happened (the provider's `UpdatedAt`), not on when Sieve judged
 * them: the same whether findings arrive live or as a backlog ingested late.
 */

/** The earliest and latest of some finding times, in ms. */
export interface Span {
  first: number;
  last: number;
}

export function spanOf(times: readonly number[]): Span {
  return { first: Math.min(...times), last: Math.max(...times) };
}

/** When a finding's activity happened, in ms: the provider's last update of it (its latest occurrence). */
export function observedTime(finding: { providerUpdatedAt: Date | string }): number {
  return new Date(finding.providerUpdatedAt).getTime();
}

/** An open case as the window sees it: its keys and when its findings happened. */
export interface WindowedCase {
  group_keys: readonly string[];
  first_observed_at: Date;
  last_observed_at: Date;
}

/**
 * Whether raised findings (their keys and times) join an open case: through their resource or principal
 * when the findings happened within the window of each other; through a Security Hub control at any time
 * while the case is open (a failing control is a state, not an event: its findings keep coming as buckets
 * are created, hours apart, and are one thing to fix).
 */
export function joins(
  kase: WindowedCase,
  group: { keys: readonly string[]; span: Span },
  windowMs: number,
): boolean {
  const shared = kase.group_keys.filter((k) => group.keys.includes(k));
  if (shared.some((k) => k.startsWith(CONTROL_KEY))) return true;
  return (
    shared.length > 0 &&
    kase.last_observed_at.getTime() >= group.span.first - windowMs &&
    kase.first_observed_at.getTime() <= group.span.last + windowMs
  );
}
