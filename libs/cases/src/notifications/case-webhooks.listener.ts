import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WebhookEventType, WebhookOutbox } from '@sieve/notify';
import type { EntityManager } from 'typeorm';
import { type CaseChange, CaseChangeListener, CaseChangeListeners } from '../events/case-change.js';
import { plannedWebhooks } from './case-webhook-events.js';
import { changeOf, findingOf, loadCaseSnapshot } from './case-webhook-payload.js';

/**
 * Turns case changes into webhook deliveries, written to the outbox in the change's transaction (see
 * `plannedWebhooks` for which events). A tenant without a subscribed endpoint costs one small query per
 * transaction, not one per case: a triage batch opening a hundred cases asks once.
 */
@Injectable()
export class CaseWebhooksListener extends CaseChangeListener implements OnModuleInit {
  /** Event types subscribed per tenant, per transaction (endpoints do not change under a case change). */
  private readonly subscribed = new WeakMap<
    EntityManager,
    Map<string, Promise<ReadonlySet<WebhookEventType>>>
  >();

  constructor(
    private readonly listeners: CaseChangeListeners,
    private readonly outbox: WebhookOutbox,
  ) {
    super();
  }

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onCaseChanged(manager: EntityManager, change: CaseChange): Promise<void> {
    const wanted = await this.subscribedTypes(manager, change.tenantId);
    const planned = plannedWebhooks(change.entries).filter((p) => wanted.has(p.type));
    if (planned.length === 0) return;
    const snapshot = await loadCaseSnapshot(manager, change.tenantId, change.caseId);
    if (!snapshot) return;
    for (const webhook of planned) {
      const data: Record<string, unknown> = { case: snapshot };
      if (webhook.type === WebhookEventType.CASE_UPDATED) data.changes = webhook.entries.map(changeOf);
      else data.change = changeOf(webhook.source);
      if (webhook.type === WebhookEventType.FINDING_RAISED) data.finding = findingOf(webhook.source);
      await this.outbox.enqueue(manager, change.tenantId, {
        sourceId: webhook.source.id,
        type: webhook.type,
        at: webhook.source.at,
        data,
      });
    }
  }

  private subscribedTypes(manager: EntityManager, tenantId: string): Promise<ReadonlySet<WebhookEventType>> {
    let byTenant = this.subscribed.get(manager);
    if (!byTenant) this.subscribed.set(manager, (byTenant = new Map()));
    let types = byTenant.get(tenantId);
    if (!types) byTenant.set(tenantId, (types = this.outbox.subscribedTypes(manager, tenantId)));
    return types;
  }
}
