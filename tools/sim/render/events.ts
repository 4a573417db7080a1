import { createHash } from 'node:crypto';
import type { Emission } from '../scenario/finding-spec.js';
import { asffOf } from './asff.js';
import { guardDutyDetail } from './guardduty-detail.js';

/** Security Hub puts at most 100 findings in one event (BatchImportFindings' limit). */
const FINDINGS_PER_SECURITY_HUB_EVENT = 100;

/** A stable EventBridge event id (a uuid shape) from what the event carries. */
function eventId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function envelope(
  id: string,
  detailType: string,
  source: string,
  account: string,
  region: string,
  time: Date,
) {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source,
    account,
    time: time.toISOString(),
    region,
    resources: [],
  };
}

/**
 * The EventBridge events that carry `emissions` (all of one tenant): one "GuardDuty Finding" event per
 * native GuardDuty finding, and "Security Hub Findings - Imported" events of up to 100 ASFF findings per
 * account and region, in emission order.
 */
export function eventsOf(emissions: readonly Emission[]): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const asff = new Map<string, Emission[]>();
  for (const e of emissions) {
    const f = e.finding;
    if (f.format === 'guardduty') {
      events.push({
        ...envelope(
          eventId(`${f.id}#${e.version}`),
          'GuardDuty Finding',
          'aws.guardduty',
          f.accountId,
          f.region,
          f.versions[e.version].updatedAt,
        ),
        detail: guardDutyDetail(f, e.version),
      });
      continue;
    }
    const key = `${f.accountId}/${f.region}`;
    asff.set(key, [...(asff.get(key) ?? []), e]);
  }
  for (const group of asff.values()) {
    for (let i = 0; i < group.length; i += FINDINGS_PER_SECURITY_HUB_EVENT) {
      const chunk = group.slice(i, i + FINDINGS_PER_SECURITY_HUB_EVENT);
      const first = chunk[0].finding;
      events.push({
        ...envelope(
          eventId(chunk.map((e) => `${e.finding.id}#${e.version}`).join('|')),
          'Security Hub Findings - Imported',
          'aws.securityhub',
          first.accountId,
          first.region,
          chunk[chunk.length - 1].at,
        ),
        detail: { findings: chunk.map((e) => asffOf(e.finding, e.version)) },
      });
    }
  }
  return events;
}
