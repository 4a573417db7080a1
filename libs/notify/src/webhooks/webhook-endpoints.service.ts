import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppConfigService,
  AuditService,
  Clock,
  type Connection,
  type ConnectionArgs,
  SieveException,
  TenantRepository,
  UnitOfWork,
  actorOf,
  isUuid,
  paginateNewestFirst,
} from '@sieve/core';
import { NotifyException } from '../notify.exception.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookEventType } from './webhook-event-type.js';
import { generateWebhookSecret } from './webhook-secret.js';
import { checkWebhookUrl } from './webhook-url.js';

/** After a rotation the old secret keeps signing (alongside the new one) this long, for receivers to switch. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;

export interface CreateWebhookEndpointCommand {
  url: string;
  description?: string | null;
  eventTypes: WebhookEventType[];
  enabled?: boolean | null;
}

export interface UpdateWebhookEndpointCommand {
  url?: string | null;
  description?: string | null;
  eventTypes?: WebhookEventType[] | null;
  enabled?: boolean | null;
}

/** An endpoint with its secret, returned only by creation and rotation. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** A tenant admin's webhook endpoints. Every change is audited; secrets never reach the audit log. */
@Injectable()
export class WebhookEndpointsService {
  private readonly endpoints = new TenantRepository(WebhookEndpoint);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
  ) {}

  async create(
    actor: Actor,
    tenantId: string,
    command: CreateWebhookEndpointCommand,
  ): Promise<EndpointWithSecret> {
    const url = await this.checkUrl(command.url);
    const eventTypes = checkEventTypes(command.eventTypes);
    const description = checkDescription(command.description ?? '');
    return this.uow.withTenant(tenantId, async () => {
      const secret = generateWebhookSecret();
      const endpoint = await this.endpoints.insert({
        url,
        description,
        eventTypes,
        enabled: command.enabled ?? true,
        disabledReason: null,
        secret,
        previousSecretExpiresAt: null,
        createdBy: actorOf(actor).actorId,
        updatedAt: this.clock.now(),
      });
      delete endpoint.secret;
      await this.audit.record(actor, {
        action: 'webhook_endpoint.created',
        targetType: 'webhook_endpoint',
        targetId: endpoint.id,
        details: { url, eventTypes, enabled: endpoint.enabled },
      });
      return { endpoint, secret };
    });
  }

  list(tenantId: string, args: ConnectionArgs): Promise<Connection<WebhookEndpoint>> {
    return this.uow.withTenant(tenantId, (manager) =>
      paginateNewestFirst(
        manager.createQueryBuilder(WebhookEndpoint, 'e').where('e.tenant_id = :tenantId', { tenantId }),
        args,
        { alias: 'e', idType: 'uuid', idOf: (e) => e.id },
      ),
    );
  }

  get(tenantId: string, id: string): Promise<WebhookEndpoint> {
    return this.uow.withTenant(tenantId, () => this.find(id));
  }

  async update(
    actor: Actor,
    tenantId: string,
    id: string,
    command: UpdateWebhookEndpointCommand,
  ): Promise<WebhookEndpoint> {
    const patch: Partial<WebhookEndpoint> = {};
    if (command.url != null) patch.url = await this.checkUrl(command.url);
    if (command.eventTypes != null) patch.eventTypes = checkEventTypes(command.eventTypes);
    if (command.description != null) patch.description = checkDescription(command.description);
    if (command.enabled != null) {
      patch.enabled = command.enabled;
      patch.disabledReason = command.enabled ? null : 'Disabled by an administrator';
    }
    return this.change(actor, tenantId, id, 'webhook_endpoint.updated', patch, {
      ...(patch.url ? { url: patch.url } : {}),
      ...(patch.eventTypes ? { eventTypes: patch.eventTypes } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    });
  }

  disable(actor: Actor, tenantId: string, id: string): Promise<WebhookEndpoint> {
    return this.change(actor, tenantId, id, 'webhook_endpoint.disabled', {
      enabled: false,
      disabledReason: 'Disabled by an administrator',
    });
  }

  /** Deletes the endpoint and its delivery log; pending deliveries are dropped with it. */
  delete(actor: Actor, tenantId: string, id: string): Promise<string> {
    return this.uow.withTenant(tenantId, async () => {
      const endpoint = await this.find(id);
      await this.endpoints.delete({ id });
      await this.audit.record(actor, {
        action: 'webhook_endpoint.deleted',
        targetType: 'webhook_endpoint',
        targetId: id,
        details: { url: endpoint.url },
      });
      return id;
    });
  }

  /** A new secret, shown once; the old one keeps signing alongside it for a day so receivers can switch. */
  rotateSecret(actor: Actor, tenantId: string, id: string): Promise<EndpointWithSecret> {
    return this.uow.withTenant(tenantId, async (manager) => {
      await this.find(id);
      const current = await manager
        .createQueryBuilder(WebhookEndpoint, 'e')
        .addSelect('e.secret')
        .where('e.id = :id', { id })
        .getOneOrFail();
      const secret = generateWebhookSecret();
      const now = this.clock.now();
      await this.endpoints.update(
        { id },
        {
          secret,
          previousSecret: current.secret,
          previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
          updatedAt: now,
        },
      );
      await this.audit.record(actor, {
        action: 'webhook_endpoint.secret_rotated',
        targetType: 'webhook_endpoint',
        targetId: id,
      });
      return { endpoint: await this.find(id), secret };
    });
  }

  private async change(
    actor: Actor,
    tenantId: string,
    id: string,
    action: string,
    patch: Partial<WebhookEndpoint>,
    details: Record<string, unknown> = {},
  ): Promise<WebhookEndpoint> {
    return this.uow.withTenant(tenantId, async () => {
      await this.find(id);
      await this.endpoints.update({ id }, { ...patch, updatedAt: this.clock.now() });
      await this.audit.record(actor, { action, targetType: 'webhook_endpoint', targetId: id, details });
      return this.find(id);
    });
  }

  /** Another tenant's endpoint answers exactly like an unknown one. */
  private async find(id: string): Promise<WebhookEndpoint> {
    const endpoint = isUuid(id) ? await this.endpoints.findOneBy({ id }) : null;
    if (!endpoint) throw SieveException.notFound('WebhookEndpoint', id);
    return endpoint;
  }

  private checkUrl(url: string): Promise<string> {
    return checkWebhookUrl(url, this.config.values.WEBHOOK_ALLOW_INSECURE_TARGETS);
  }
}

function checkEventTypes(types: readonly WebhookEventType[]): WebhookEventType[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw NotifyException.invalid('eventTypes must name at least one event type');
  return unique;
}

function checkDescription(description: string): string {
  const trimmed = description.trim();
  if (trimmed.length > 500) throw NotifyException.invalid('description must be at most 500 characters');
  return trimmed;
}
