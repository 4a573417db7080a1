import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  type Connection,
  ErrorCode,
  type ConnectionArgs,
  type Principal,
  SieveException,
  UnitOfWork,
  actorOf,
  paginateNewestFirst,
} from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { KnowledgeException } from '../knowledge.exception.js';
import { PatternChangeBus } from '../matching/pattern-change-bus.js';
import { readTenantVersion } from '../matching/pattern-loader.js';
import { findPattern } from '../patterns/find-pattern.js';
import { KnownGoodPattern } from '../patterns/known-good-pattern.entity.js';
import { renderPattern } from '../patterns/pattern-rendering.js';
import {
  type PatternDefinition,
  PatternValidationError,
  parsePatternDefinition,
} from '../patterns/pattern-schema.js';
import { PatternStatus } from '../patterns/pattern-status.js';
import { assertMayManagePatterns } from './pattern-access.js';

/** A pattern as written by a person or a key (predicates and support are validated JSON). */
export interface PatternDraft {
  name: string;
  description?: string | null;
  findingType: string;
  predicates: unknown;
  allowCritical?: boolean | null;
  confidence?: number | null;
  expiresAt?: Date | null;
  support?: unknown;
  /** Provenance: the case this behaviour was confirmed in. */
  sourceCaseId?: string | null;
  /** Activate at once instead of leaving the pattern PROPOSED. */
  activate?: boolean | null;
}

/** Fields to change; left out (undefined) keeps a field, null clears `expiresAt` and `support`. */
export type PatternPatch = {
  [K in Exclude<keyof PatternDraft, 'activate' | 'sourceCaseId'>]?: PatternDraft[K] | null;
};

export interface PatternFilter {
  status?: PatternStatus | null;
  findingType?: string | null;
}

/** The short handle of a tenant pattern: P-12. */
export const reference = (p: { seq: number }) => `P-${p.seq}`;

/**
 * A tenant's known-good patterns: listing, and the changes people and keys make (create, edit,
 * retire, delete a proposal). Each change is audited and, through the table's triggers, bumps the tenant's
 * pattern-set version in its transaction; once committed it is announced so workers reload their matcher.
 */
@Injectable()
export class KnownGoodPatternsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly bus: PatternChangeBus,
  ) {}

  list(tenantId: string, filter: PatternFilter, args: ConnectionArgs): Promise<Connection<KnownGoodPattern>> {
    return this.uow.withTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(KnownGoodPattern, 'p')
        .where('p.tenant_id = :tenantId', { tenantId });
      if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
      if (filter.findingType) query.andWhere('p.finding_type = :type', { type: filter.findingType });
      return paginateNewestFirst(query, args, { alias: 'p', idType: 'uuid', idOf: (p) => p.id });
    });
  }

  get(tenantId: string, id: string): Promise<KnownGoodPattern> {
    return this.uow.withTenant(tenantId, (manager) => findPattern(manager, tenantId, id, false));
  }

  create(principal: Principal, draft: PatternDraft): Promise<KnownGoodPattern> {
    return this.change(principal, async (manager, tenantId) => {
      const definition = this.validate(draft);
      const now = this.clock.now();
      const { id } = await manager.save(
        manager.create(KnownGoodPattern, {
          tenantId,
          ...this.columnsOf(definition),
          status: draft.activate ? PatternStatus.ACTIVE : PatternStatus.PROPOSED,
          activatedAt: draft.activate ? now : null,
          sourceCaseId: draft.sourceCaseId ?? null,
          sourceAnalystId: principal.kind === 'user' ? principal.userId : null,
          createdBy: actorOf(principal).actorId,
        }),
      );
      const created = await findPattern(manager, tenantId, id, false);
      await this.record(principal, created, 'pattern.created', { rendering: renderPattern(created) });
      return created;
    });
  }

  update(principal: Principal, id: string, patch: PatternPatch): Promise<KnownGoodPattern> {
    return this.change(principal, async (manager, tenantId) => {
      const pattern = await findPattern(manager, tenantId, id, true);
      if (pattern.status === PatternStatus.RETIRED) {
        throw KnowledgeException.wrongStatus(
          reference(pattern),
          pattern.status,
          'changed',
          'create a new one',
        );
      }
      const definition = this.validate({
        name: patch.name ?? pattern.name,
        description: patch.description ?? pattern.description,
        findingType: patch.findingType ?? pattern.findingType,
        predicates: patch.predicates ?? pattern.predicates,
        allowCritical: patch.allowCritical ?? pattern.allowCritical,
        confidence: patch.confidence ?? pattern.confidence,
        expiresAt: patch.expiresAt === undefined ? pattern.expiresAt : patch.expiresAt,
        support: patch.support === undefined ? pattern.support : patch.support,
      });
      const before = renderPattern(pattern);
      // An expiry set by hand replaces one the drift pass put on the pattern.
      const driftMarkedAt = patch.expiresAt === undefined ? pattern.driftMarkedAt : null;
      await manager.update(
        KnownGoodPattern,
        { id, tenantId },
        { ...this.columnsOf(definition), driftMarkedAt },
      );
      const updated = await findPattern(manager, tenantId, id, false);
      await this.record(principal, updated, 'pattern.updated', {
        changed: Object.keys(patch).filter((k) => patch[k as keyof PatternPatch] !== undefined),
        before,
        after: renderPattern(updated),
      });
      return updated;
    });
  }

  retire(principal: Principal, id: string, reason: string): Promise<KnownGoodPattern> {
    if (reason.trim().length === 0 || reason.length > 500) {
      throw new SieveException(ErrorCode.BadUserInput, 'reason: 1 to 500 characters');
    }
    return this.change(principal, async (manager, tenantId) => {
      const pattern = await findPattern(manager, tenantId, id, true);
      if (pattern.status === PatternStatus.RETIRED) {
        throw KnowledgeException.wrongStatus(reference(pattern), pattern.status, 'retired');
      }
      await manager.update(
        KnownGoodPattern,
        { id, tenantId },
        { status: PatternStatus.RETIRED, retiredAt: this.clock.now(), retiredReason: reason },
      );
      const retired = await findPattern(manager, tenantId, id, false);
      await this.record(principal, retired, 'pattern.retired', { reason });
      return retired;
    });
  }

  /** Deletes a proposal; a pattern that was ever active is retired instead, to keep its verdicts explained. */
  delete(principal: Principal, id: string): Promise<KnownGoodPattern> {
    return this.change(principal, async (manager, tenantId) => {
      const pattern = await findPattern(manager, tenantId, id, true);
      if (pattern.status !== PatternStatus.PROPOSED || pattern.activatedAt) {
        throw KnowledgeException.wrongStatus(reference(pattern), pattern.status, 'deleted', 'retire it');
      }
      await manager.delete(KnownGoodPattern, { id, tenantId });
      await this.record(principal, pattern, 'pattern.deleted', { rendering: renderPattern(pattern) });
      return pattern;
    });
  }

  /** Runs a change in the principal's tenant, then announces the set's new version once committed. */
  private async change(
    principal: Principal,
    work: (manager: EntityManager, tenantId: string) => Promise<KnownGoodPattern>,
  ): Promise<KnownGoodPattern> {
    const tenantId = assertMayManagePatterns(principal);
    const { pattern, version } = await this.uow.withTenant(tenantId, async (manager) => {
      const changed = await work(manager, tenantId);
      return { pattern: changed, version: await readTenantVersion(manager, tenantId) };
    });
    await this.bus.publish({ scope: 'TENANT', tenantId, version });
    return pattern;
  }

  private validate(draft: Omit<PatternDraft, 'activate' | 'sourceCaseId'>): PatternDefinition {
    let definition: PatternDefinition;
    try {
      definition = parsePatternDefinition({
        name: draft.name,
        description: draft.description ?? undefined,
        findingType: draft.findingType,
        predicates: draft.predicates,
        allowCritical: draft.allowCritical ?? undefined,
        confidence: draft.confidence ?? undefined,
        expiresAt: draft.expiresAt ? draft.expiresAt.toISOString() : null,
        support: draft.support ?? null,
      });
    } catch (error) {
      if (error instanceof PatternValidationError) throw KnowledgeException.invalidPattern(error.issues);
      throw error;
    }
    if (definition.expiresAt && new Date(definition.expiresAt) <= this.clock.now()) {
      throw KnowledgeException.invalidPattern(['expiresAt: must be in the future']);
    }
    return definition;
  }

  private columnsOf(d: PatternDefinition) {
    return {
      name: d.name,
      description: d.description,
      findingType: d.findingType,
      predicates: d.predicates,
      allowCritical: d.allowCritical,
      confidence: d.confidence,
      expiresAt: d.expiresAt ? new Date(d.expiresAt) : null,
      support: d.support ?? null,
    } satisfies Partial<KnownGoodPattern>;
  }

  private record(
    principal: Principal,
    pattern: KnownGoodPattern,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(principal, {
      action,
      targetType: 'known_good_pattern',
      targetId: pattern.id,
      details: { reference: reference(pattern), name: pattern.name, status: pattern.status, ...details },
    });
  }
}
