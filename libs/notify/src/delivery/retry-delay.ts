/**
 * Delay before the next attempt after `attempts` failed ones: exponential (base, 2×base, 4×base, … up to
 * max) with "equal jitter" (half fixed, half random), so receivers that came back up are not hit by every
 * sender's retries in the same second.
 */
export function retryDelayMs(
  attempts: number,
  schedule: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
