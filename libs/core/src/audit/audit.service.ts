import { Injectable } from '@nestjs/common';
import { type Actor, actorOf } from '../auth-context/principal.js';
import { UnitOfWork } from '../db/unit-of-work.js';
import { currentRequestId } from '../request-context/request-context.js';
import { AuditLogEntry } from './audit-log-entry.entity.js';

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Never secrets: key material, tokens and passwords stay out of the audit log. */
  details?: Record<string, unknown>;
  /** Defaults to the tenant of the open unit of work; null records a platform-level event. */
  tenantId?: string | null;
}

/** Writes audit entries inside the caller's unit of work, so the entry commits or rolls back with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  async record(actor: Actor, event: AuditEvent): Promise<void> {
    const context = this.uow.requireContext();
    const who = actorOf(actor);
    await context.manager.insert(AuditLogEntry, {
      tenantId: event.tenantId === undefined ? (context.tenantId ?? null) : event.tenantId,
      actorType: who.actorType,
      actorId: who.actorId,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      requestId: currentRequestId(),
      details: (event.details ?? {}) as never,
    });
  }
}
