import { Injectable } from '@nestjs/common';
import { type Actor, SieveException, isUuid } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { CaseTimeline, type TimelineEntryInput } from '../events/case-timeline.js';
import { CaseEventType } from '../model/case-event-type.js';
import { type FindingFacts, attachedFindingData } from '../model/finding-facts.js';
import { CaseLinks, observableAddedData } from '../store/case-links.js';

export interface Relinked {
  /** The target case's entries: FINDING_ATTACHED and OBSERVABLE_ADDED. */
  entries: TimelineEntryInput[];
  /** The findings now attached to the target (those already there are left out). */
  attached: FindingFacts[];
}

/**
 * Attaching findings to a case by hand (creating a case from findings, moving findings). A finding keeps to
 * at most one open case: one in another open case leaves it (FINDING_DETACHED there) and arrives as
 * `moved`; others arrive as `manual`.
 */
@Injectable()
export class CaseRelink {
  constructor(
    private readonly links: CaseLinks,
    private readonly timeline: CaseTimeline,
  ) {}

  async bring(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    findingIds: readonly string[],
    actor: Actor,
    now: Date,
  ): Promise<Relinked> {
    const ids = [...new Set(findingIds)];
    const invalid = ids.find((id) => !isUuid(id));
    if (invalid !== undefined) throw SieveException.notFound('Finding', invalid);
    const facts = await this.links.facts(manager, tenantId, ids);
    const missing = ids.find((id) => !facts.some((f) => f.id === id));
    if (missing !== undefined) throw SieveException.notFound('Finding', missing);

    const openCase = await this.links.openCaseOf(manager, tenantId, ids);
    const incoming = facts.filter((f) => openCase.get(f.id) !== caseId);
    const detached = await this.links.detachFromOpenCases(
      manager,
      tenantId,
      incoming.filter((f) => openCase.has(f.id)).map((f) => f.id),
    );
    await this.recordDetached(manager, tenantId, caseId, detached, actor, now);

    const from = new Map(detached.map((d) => [d.findingId, d.caseId]));
    await this.links.attach(
      manager,
      tenantId,
      incoming.map((f) => ({ caseId, findingId: f.id, reason: from.has(f.id) ? 'moved' : 'manual' })),
      now,
    );
    const entries: TimelineEntryInput[] = incoming.map((f) => ({
      type: CaseEventType.FINDING_ATTACHED,
      data: {
        ...attachedFindingData(f),
        reason: from.has(f.id) ? 'moved' : 'manual',
        ...(from.has(f.id) ? { fromCaseId: from.get(f.id) } : {}),
      },
    }));
    const observables = await this.links.addFromFindings(
      manager,
      tenantId,
      incoming.map((finding) => ({ caseId, finding })),
    );
    entries.push(
      ...observables.map((o) => ({ type: CaseEventType.OBSERVABLE_ADDED, data: observableAddedData(o) })),
    );
    return { entries, attached: incoming };
  }

  /** FINDING_DETACHED on each case the findings left, and their activity time. */
  private async recordDetached(
    manager: EntityManager,
    tenantId: string,
    toCaseId: string,
    detached: readonly { caseId: string; findingId: string }[],
    actor: Actor,
    now: Date,
  ): Promise<void> {
    const bySource = new Map<string, string[]>();
    for (const d of detached) bySource.set(d.caseId, [...(bySource.get(d.caseId) ?? []), d.findingId]);
    if (bySource.size === 0) return;
    await manager.query(
      `UPDATE cases SET updated_at = $3, last_activity_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, [...bySource.keys()], now],
    );
    await this.timeline.appendAll(
      manager,
      [...bySource].map(([caseId, findingIds]) => ({
        tenantId,
        caseId,
        actor,
        entries: findingIds.map((findingId) => ({
          type: CaseEventType.FINDING_DETACHED,
          data: { findingId, toCaseId },
        })),
      })),
    );
  }
}
