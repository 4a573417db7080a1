import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Actor, Clock } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { caseActorOf } from '../model/case-actor.js';
import { type CaseChange, CaseChangeListeners, type CaseTimelineEntry } from './case-change.js';

/** One entry to append; `at` defaults to the clock's now. */
export interface TimelineEntryInput {
  type: string;
  data?: Record<string, unknown>;
  at?: Date;
}

/** A unit of work's entries for one case. */
export interface TimelineAppend {
  tenantId: string;
  caseId: string;
  actor: Actor;
  entries: readonly TimelineEntryInput[];
}

/**
 * The only writer of `case_events`. Every change to a case appends its entries here, inside the transaction
 * that made the change, and the listeners (SLA clocks, webhooks, escalation) are told in that transaction,
 * once per case: what they write commits or rolls back with the change.
 */
@Injectable()
export class CaseTimeline {
  constructor(
    private readonly listeners: CaseChangeListeners,
    private readonly clock: Clock,
  ) {}

  async append(manager: EntityManager, change: TimelineAppend): Promise<CaseChange> {
    const [published] = await this.appendAll(manager, [change]);
    return published ?? { tenantId: change.tenantId, caseId: change.caseId, entries: [] };
  }

  /**
   * Several cases' entries in one INSERT (grouping writes a whole batch of cases at once), then the
   * listeners, per case in the order given (see CaseChangeListeners). A case must appear at most once.
   */
  async appendAll(manager: EntityManager, changes: readonly TimelineAppend[]): Promise<CaseChange[]> {
    const now = this.clock.now();
    const published: CaseChange[] = [];
    const rows: Record<string, unknown>[] = [];
    for (const change of changes) {
      if (change.entries.length === 0) continue;
      const actor = caseActorOf(change.actor);
      const entries: CaseTimelineEntry[] = change.entries.map((entry) => ({
        id: randomUUID(),
        type: entry.type,
        at: entry.at ?? now,
        actorType: actor.type,
        actorId: actor.id,
        data: entry.data ?? {},
      }));
      published.push({ tenantId: change.tenantId, caseId: change.caseId, entries });
      for (const entry of entries) {
        rows.push({
          i: rows.length,
          id: entry.id,
          tenant_id: change.tenantId,
          case_id: change.caseId,
          type: entry.type,
          actor_type: entry.actorType,
          actor_id: entry.actorId,
          at: entry.at.toISOString(),
          data: entry.data,
        });
      }
    }
    if (rows.length === 0) return [];
    // ORDER BY keeps `seq` in the order the entries were given.
    await manager.query(
      `INSERT INTO case_events (id, tenant_id, case_id, type, actor_type, actor_id, at, data)
       SELECT e.id, e.tenant_id, e.case_id, e.type, e.actor_type, e.actor_id, e.at, e.data
       FROM jsonb_to_recordset($1::jsonb)
         AS e(i int, id uuid, tenant_id uuid, case_id uuid, type text, actor_type text, actor_id text,
              at timestamptz, data jsonb)
       ORDER BY e.i`,
      [JSON.stringify(rows)],
    );
    await this.listeners.publishAll(manager, published);
    return published;
  }
}
