import type { Seed } from './seed.types.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Moves every timestamp of the seed's findings and CloudTrail records by (now − timeAnchor).
 * All ISO 8601 values are shifted, nested ones included (GuardDuty's EventFirstSeen, notes…), so a
 * finding stays consistent with itself and with the CloudTrail events that explain it.
 */
export function rebaseTimestamps(seed: Seed, now: number): Seed {
  if (seed.timeAnchor === undefined) return seed;
  const offsetMs = now - Date.parse(seed.timeAnchor);
  return {
    ...seed,
    accounts: seed.accounts.map((account) => ({
      ...account,
      regions: Object.fromEntries(
        Object.entries(account.regions ?? {}).map(([region, data]) => [
          region,
          {
            findings: data.findings?.map((finding) => shift(finding, offsetMs)),
            cloudTrailEvents: data.cloudTrailEvents?.map((event) => ({
              ...event,
              record: shift(event.record, offsetMs),
            })),
          },
        ]),
      ),
    })),
  };
}

function shift<T>(value: T, offsetMs: number): T {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) {
    // CloudTrail writes whole seconds, Security Hub milliseconds: keep each value's own precision.
    const shifted = new Date(Date.parse(value) + offsetMs).toISOString();
    return (value.includes('.') ? shifted : shifted.replace(/\.\d{3}Z$/, 'Z')) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => shift(item, offsetMs)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shift(item, offsetMs)])) as T;
  }
  return value;
}
