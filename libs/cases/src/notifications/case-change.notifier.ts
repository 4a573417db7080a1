import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PgChannel, PgPubSub } from '@sieve/notify';
import type { EntityManager } from 'typeorm';
import { type CaseChange, CaseChangeListeners, CaseChangesListener } from '../events/case-change.js';

/** What a case change notification carries: ids only (subscribers load the case with their own rights). */
export interface CaseChangeNotice {
  tenantId: string;
  caseId: string;
  entryTypes: string[];
}

/**
 * Publishes every case change for the GraphQL subscriptions of every API process, as a NOTIFY per case in
 * the change's transaction (all of a unit of work's in one statement): sent on commit, never for a change that rolls back, whichever process made it.
 */
@Injectable()
export class CaseChangeNotifier extends CaseChangesListener implements OnModuleInit {
  constructor(
    private readonly listeners: CaseChangeListeners,
    private readonly pubsub: PgPubSub,
  ) {
    super();
  }

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onCasesChanged(manager: EntityManager, changes: readonly CaseChange[]): Promise<void> {
    const notices = changes.map((change): CaseChangeNotice => ({
      tenantId: change.tenantId,
      caseId: change.caseId,
      entryTypes: [...new Set(change.entries.map((e) => e.type))],
    }));
    await this.pubsub.publishAll(manager, PgChannel.CaseChanges, notices);
  }
}
