import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Access, Clock, ErrorCode, type Principal, SieveException, UnitOfWork, isUuid } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { CaseAccess } from '../access/case-access.js';
import type { TimelineEntryInput } from '../events/case-timeline.js';
import { CaseEventType } from '../model/case-event-type.js';
import { CaseStatus } from '../model/case-status.js';
import { Case } from '../model/case.entity.js';
import {
  type Severity,
  type SeverityLabel,
  normalizedOf,
  priorityOf,
  worstSeverity,
} from '../model/severity.js';
import { type CaseView, loadCaseView } from '../query/case-views.js';
import { CaseLinks } from '../store/case-links.js';
import { CaseNumbers } from '../store/case-numbers.js';
import { CaseRelink } from './case-relink.js';
import { CaseWriter } from './case-writer.js';
import { severityEntry } from './severity-change.js';

export interface CreateCaseCommand {
  /** For MSSP analysts: one of their assigned tenants. Others create in their own tenant. */
  tenantId?: string | null;
  title: string;
  description?: string | null;
  /** Defaults to the worst of `findingIds`. */
  severity?: SeverityLabel | null;
  /** Defaults to the severity's. */
  priority?: number | null;
  tags?: string[] | null;
  findingIds?: string[] | null;
}

export interface UpdateCaseCommand {
  title?: string | null;
  description?: string | null;
  severity?: SeverityLabel | null;
  priority?: number | null;
  /** The whole new set of tags. */
  tags?: string[] | null;
}

const MAX_TAGS = 50;

function title(value: string): string {
  const t = value.trim();
  if (t.length < 1 || t.length > 300)
    throw new SieveException(ErrorCode.BadUserInput, 'A title has 1 to 300 characters');
  return t;
}

function tagsOf(values: readonly string[]): string[] {
  const tags = [...new Set(values.map((t) => t.trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS || tags.some((t) => t.length > 64)) {
    throw new SieveException(ErrorCode.BadUserInput, `At most ${MAX_TAGS} tags of at most 64 characters`);
  }
  return tags;
}

/** Cases opened and edited by hand. */
@Injectable()
export class CaseEditorService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: CaseAccess,
    private readonly writer: CaseWriter,
    private readonly numbers: CaseNumbers,
    private readonly links: CaseLinks,
    private readonly relink: CaseRelink,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, command: CreateCaseCommand): Promise<CaseView> {
    const tenantId = command.tenantId ?? principal.tenantId;
    if (!tenantId)
      throw new SieveException(ErrorCode.BadUserInput, 'These credentials have no tenant: pass tenantId');
    if (!isUuid(tenantId) || !this.access.readableTenants(principal).includes(tenantId)) {
      throw SieveException.notFound('Tenant', tenantId);
    }
    this.access.assertCanWrite(principal, tenantId);
    const name = title(command.title);
    const tags = tagsOf(command.tags ?? []);
    const findingIds = command.findingIds ?? [];
    if (!command.severity && findingIds.length === 0) {
      throw new SieveException(ErrorCode.BadUserInput, 'Give a severity, or findings to take it from');
    }
    return this.uow.withTenant(tenantId, async (manager) => {
      const severity = command.severity
        ? { label: command.severity, normalized: normalizedOf(command.severity) }
        : await this.worstOf(manager, tenantId, findingIds);
      const priority = command.priority ?? priorityOf(severity.label);
      const [number] = await this.numbers.allocate(manager, tenantId, 1);
      const id = randomUUID();
      const now = this.clock.now();
      await manager.insert(Case, {
        id,
        tenantId,
        number,
        title: name,
        description: command.description?.trim() ?? '',
        severityLabel: severity.label,
        severityNormalized: severity.normalized,
        priority,
        status: CaseStatus.NEW,
        tags,
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      });
      const ctx = await this.writer.lock(manager, tenantId, id);
      const relinked = await this.relink.bring(manager, tenantId, id, findingIds, principal, ctx.now);
      const entries: TimelineEntryInput[] = [
        {
          type: CaseEventType.CREATED,
          data: {
            key: ctx.key,
            number,
            title: name,
            severityLabel: severity.label,
            severityNormalized: severity.normalized,
            priority,
            status: CaseStatus.NEW,
            source: 'manual',
          },
        },
        ...relinked.entries,
      ];
      await this.writer.commit(principal, ctx, {
        entries,
        audit: { action: 'case.created', details: { findingIds: relinked.attached.map((f) => f.id) } },
      });
      return loadCaseView(manager, tenantId, id);
    });
  }

  /** The worst severity of the tenant's findings among these ids (NOT_FOUND when there are none). */
  private async worstOf(
    manager: EntityManager,
    tenantId: string,
    findingIds: readonly string[],
  ): Promise<Severity> {
    const facts = await this.links.facts(manager, tenantId, findingIds.filter(isUuid));
    if (facts.length === 0) throw SieveException.notFound('Finding', findingIds[0]);
    return worstSeverity(facts.map((f) => ({ label: f.severityLabel, normalized: f.severityNormalized })));
  }

  update(principal: Principal, caseId: string, command: UpdateCaseCommand): Promise<CaseView> {
    return this.writer.change(principal, caseId, Access.Write, async ({ kase }) => {
      const patch: Partial<Case> = {};
      const entries: TimelineEntryInput[] = [];
      const changes: Record<string, { from: string; to: string }> = {};
      if (command.title != null && title(command.title) !== kase.title) {
        changes.title = { from: kase.title, to: title(command.title) };
        patch.title = changes.title.to;
      }
      if (command.description != null && command.description.trim() !== kase.description) {
        changes.description = { from: kase.description, to: command.description.trim() };
        patch.description = changes.description.to;
      }
      if (Object.keys(changes).length > 0) entries.push({ type: CaseEventType.UPDATED, data: { changes } });
      const label = command.severity ?? kase.severityLabel;
      const priority = command.priority ?? (command.severity ? priorityOf(command.severity) : kase.priority);
      if (label !== kase.severityLabel || priority !== kase.priority) {
        entries.push(severityEntry(kase, label, priority));
        Object.assign(patch, {
          severityLabel: label,
          severityNormalized: label === kase.severityLabel ? kase.severityNormalized : normalizedOf(label),
          priority,
        });
      }
      if (command.tags != null) {
        const tags = tagsOf(command.tags);
        const added = tags.filter((t) => !kase.tags.includes(t));
        const removed = kase.tags.filter((t) => !tags.includes(t));
        if (added.length > 0 || removed.length > 0) {
          entries.push({ type: CaseEventType.TAGS_CHANGED, data: { added, removed, tags } });
          patch.tags = tags;
        }
      }
      if (entries.length === 0) return { entries, audit: null };
      return { patch, entries, audit: { action: 'case.updated', details: { fields: Object.keys(patch) } } };
    });
  }
}
