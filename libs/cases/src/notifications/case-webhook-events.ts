import { WebhookEventType } from '@sieve/notify';
import type { CaseTimelineEntry } from '../events/case-change.js';

/** One webhook a unit of work's timeline entries call for. */
export interface PlannedWebhook {
  type: WebhookEventType;
  /** The entry the webhook reports (its id makes the `webhook-id`; its time is the event's). */
  source: CaseTimelineEntry;
  /** For case.updated: every entry the update covers, oldest first. */
  entries: readonly CaseTimelineEntry[];
}

const SPECIFIC: Readonly<Record<string, WebhookEventType>> = {
  CREATED: WebhookEventType.CASE_CREATED,
  RESOLVED: WebhookEventType.CASE_RESOLVED,
  SLA_WARNING: WebhookEventType.SLA_WARNING,
  SLA_BREACHED: WebhookEventType.SLA_BREACHED,
};

const raised = (e: CaseTimelineEntry) => e.type === 'FINDING_ATTACHED' && e.data.reason === 'raised';

/**
 * The webhooks one unit of work's entries on one case call for: CREATED → case.created, RESOLVED →
 * case.resolved, SLA_WARNING / SLA_BREACHED → sla.warning / sla.breached, a finding attached because it
 * was raised → finding.raised (one per finding), and whatever else changed → one case.updated listing
 * those changes. No case.updated accompanies case.created or case.resolved: their payload already carries
 * the case as it now is (the STATUS_CHANGED of a resolution is part of the resolution).
 */
export function plannedWebhooks(entries: readonly CaseTimelineEntry[]): PlannedWebhook[] {
  const planned: PlannedWebhook[] = [];
  const others: CaseTimelineEntry[] = [];
  for (const entry of entries) {
    const type = SPECIFIC[entry.type] ?? (raised(entry) ? WebhookEventType.FINDING_RAISED : undefined);
    if (type) planned.push({ type, source: entry, entries: [entry] });
    else others.push(entry);
  }
  const coveredByState = entries.some((e) => e.type === 'CREATED' || e.type === 'RESOLVED');
  if (others.length > 0 && !coveredByState) {
    planned.push({ type: WebhookEventType.CASE_UPDATED, source: others[0], entries: others });
  }
  return planned;
}
