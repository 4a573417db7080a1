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

/** The registry the case service publishes to; listeners add themselves in `onModuleInit`. */
@Injectable()
export class CaseChangeListeners {
  private readonly listeners: CaseChangeListener[] = [];

  register(listener: CaseChangeListener): void {
    this.listeners.push(listener);
  }

  async publish(manager: EntityManager, change: CaseChange): Promise<void> {
    if (change.entries.length === 0) return;
    for (const listener of this.listeners) await listener.onCaseChanged(manager, change);
  }
}
