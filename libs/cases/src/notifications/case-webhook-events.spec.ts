import { WebhookEventType } from '@sieve/notify';
import type { CaseTimelineEntry } from '../events/case-change.js';
import { plannedWebhooks } from './case-webhook-events.js';

let n = 0;
const entry = (type: string, data: Record<string, unknown> = {}): CaseTimelineEntry => ({
  id: `e${++n}`,
  type,
  at: new Date('2026-01-01T00:00:00Z'),
  actorType: 'SYSTEM',
  actorId: 'test',
  data,
});

const summary = (entries: CaseTimelineEntry[]) =>
  plannedWebhooks(entries).map((p) => [p.type, p.source.type, p.entries.map((e) => e.type)]);

describe('plannedWebhooks', () => {
  it('announces a new case and each finding raised into it, without a case.updated', () => {
    expect(
      summary([
        entry('CREATED'),
        entry('FINDING_ATTACHED', { reason: 'raised' }),
        entry('FINDING_ATTACHED', { reason: 'correlated' }),
        entry('OBSERVABLE_ADDED'),
      ]),
    ).toEqual([
      [WebhookEventType.CASE_CREATED, 'CREATED', ['CREATED']],
      [WebhookEventType.FINDING_RAISED, 'FINDING_ATTACHED', ['FINDING_ATTACHED']],
    ]);
  });

  it('turns a resolution into case.resolved only', () => {
    expect(summary([entry('STATUS_CHANGED', { to: 'RESOLVED' }), entry('RESOLVED')])).toEqual([
      [WebhookEventType.CASE_RESOLVED, 'RESOLVED', ['RESOLVED']],
    ]);
  });

  it('sends one case.updated per unit of work with every other change in it', () => {
    expect(summary([entry('ASSIGNED'), entry('STATUS_CHANGED'), entry('COMMENTED')])).toEqual([
      [WebhookEventType.CASE_UPDATED, 'ASSIGNED', ['ASSIGNED', 'STATUS_CHANGED', 'COMMENTED']],
    ]);
  });

  it('maps SLA alarms, next to the update they come with', () => {
    expect(summary([entry('SLA_WARNING')])).toEqual([
      [WebhookEventType.SLA_WARNING, 'SLA_WARNING', ['SLA_WARNING']],
    ]);
    expect(summary([entry('SLA_BREACHED'), entry('SEVERITY_CHANGED')])).toEqual([
      [WebhookEventType.SLA_BREACHED, 'SLA_BREACHED', ['SLA_BREACHED']],
      [WebhookEventType.CASE_UPDATED, 'SEVERITY_CHANGED', ['SEVERITY_CHANGED']],
    ]);
  });

  it('reports a raised finding added to an existing case as finding.raised plus the update it caused', () => {
    expect(summary([entry('FINDING_ATTACHED', { reason: 'raised' }), entry('SEVERITY_CHANGED')])).toEqual([
      [WebhookEventType.FINDING_RAISED, 'FINDING_ATTACHED', ['FINDING_ATTACHED']],
      [WebhookEventType.CASE_UPDATED, 'SEVERITY_CHANGED', ['SEVERITY_CHANGED']],
    ]);
  });

  it('plans nothing for no entries', () => {
    expect(plannedWebhooks([])).toEqual([]);
  });
});
