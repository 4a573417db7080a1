import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One entry appended to a case's timeline, as the listeners see it. */
export interface CaseTimelineEntry {
  id: string;
  type: string;
  at: Date;
  actorType: 'USER' | 'API_KEY' | 'SYSTEM';
  actorId: string | null;
  data: Record<string, unknown>;
}

/** What changed on one case in one unit of work. */
export interface CaseChange {
  tenantId: string;
  caseId: string;
  /** The timeline entries the unit of work appended, oldest first. */
  entries: readonly CaseTimelineEntry[];
}

/**
 * Told of every case change inside the transaction that made it, so that what a listener writes (SLA
 * clocks, webhook outbox rows, escalation triggers) commits or rolls back with the change. Other domains
 * (SLA, notifications, later the escalation engine) register here instead of being imported by the case
 * service: the case domain never depends on them.
 */
export abstract class CaseChangeListener {
  abstract onCaseChanged(manager: EntityManager, change: CaseChange): Promise<void>;
}

/**
 * A listener whose work for any number of cases is one statement (a NOTIFY per case, say): told once per
 * unit of work's changes, after the per-case listeners, instead of once per case. Triage's grouping changes
 * a dozen cases per batch, and a round trip per case was a tenth of the batch's statements.
 */
export abstract class CaseChangesListener extends CaseChangeListener {
  abstract onCasesChanged(manager: EntityManager, changes: readonly CaseChange[]): Promise<void>;

  onCaseChanged(manager: EntityManager, change: CaseChange): Promise<void> {
    return this.onCasesChanged(manager, [change]);
  }
}

/** The registry the case service publishes to; listeners add themselves in `onModuleInit`. */
@Injectable()
export class CaseChangeListeners {
  private readonly listeners: CaseChangeListener[] = [];

  register(listener: CaseChangeListener): void {
    this.listeners.push(listener);
  }

  async publish(manager: EntityManager, change: CaseChange): Promise<void> {
    await this.publishAll(manager, [change]);
  }

  /** Per case, in the order given, every per-case listener; then each batch listener once with them all. */
  async publishAll(manager: EntityManager, changes: readonly CaseChange[]): Promise<void> {
    const changed = changes.filter((c) => c.entries.length > 0);
    if (changed.length === 0) return;
    for (const change of changed) {
      for (const listener of this.listeners) {
        if (!(listener instanceof CaseChangesListener)) await listener.onCaseChanged(manager, change);
      }
    }
    for (const listener of this.listeners) {
      if (listener instanceof CaseChangesListener) await listener.onCasesChanged(manager, changed);
    }
  }
}
